import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { ErrorCode, Result } from '../../core/result.js';
import { dispatch } from '../handlers/dispatch.js';
import type { HandlerContext } from '../handlers/context.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';

export interface HostOptions {
  ctx: HandlerContext;
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  port: number;
  /** Loopback by default: the host is a door for this machine, not a network service. */
  host?: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_handler: 404,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  locked: 423,
  unavailable: 503,
  internal: 500,
};

export function httpStatusOf(result: Result<unknown>): number {
  return result.ok ? 200 : STATUS[result.error.code];
}

/**
 * The host door: the built renderer, `POST /api/<handler>` onto the same handler table Electron's IPC
 * uses, and `GET /api/events` (server-sent events) for what the back end pushes.
 */
export async function startHost(opts: HostOptions): Promise<{ app: FastifyInstance; url: string }> {
  if (!existsSync(opts.rendererDir)) {
    throw new Error(`The renderer is not built (no ${opts.rendererDir}). Run "npm run build" first.`);
  }
  // 100 MB: a scans.import carries a file of up to 64 MB as base64 (main/handlers/scans.ts).
  const app = Fastify({ logger: false, bodyLimit: 100 * 1024 * 1024 });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });

  // A body that is not JSON still gets the one Result shape, not Fastify's own error object.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    const code: ErrorCode = status === 413 || (status >= 400 && status < 500) ? 'invalid_input' : 'internal';
    // The error reduced by the logger (core/logging/errors.ts); never the body that caused it.
    if (code === 'internal') opts.ctx.log.error({ err, door: 'host', method: req.method, path: req.url.split('?')[0] }, 'host request failed');
    void reply.status(status).send({ ok: false, error: { code, message: err.message } });
  });

  app.post<{ Params: { name: string } }>('/api/:name', async (req, reply) => {
    const result = await dispatch(opts.ctx, { door: 'host' }, req.params.name, req.body);
    return reply.status(httpStatusOf(result)).send(result);
  });

  app.get('/api/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    res.write(': connected\n\n');
    const unsubscribe = opts.ctx.events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    // Comments keep proxies and idle timeouts from closing a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/` };
}
