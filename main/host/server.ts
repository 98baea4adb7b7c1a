import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { HANDLER_NAMES } from '../../core/api/names.js';
import { fail, type ErrorCode, type Result } from '../../core/result.js';
import { dispatch } from '../handlers/dispatch.js';
import type { CallMeta, HandlerContext } from '../handlers/context.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';
import { bodyLimitOf, DEFAULT_BODY_LIMIT } from './body-limits.js';
import { allowedHostHeaders, hostAllowed, isJson, sameOrigin } from './door-guard.js';
import { clearSessionCookie, newSessionToken, readCookie, sessionCookieName, setSessionCookie } from './session-cookie.js';

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
  // Small by default; each route gets its handler's own limit (body-limits.ts).
  const app = Fastify({ logger: false, bodyLimit: DEFAULT_BODY_LIMIT });
  // JSON only: Fastify's text/plain parser would hand any page's plain POST to a handler.
  app.removeContentTypeParser('text/plain');
  const bind = opts.host ?? '127.0.0.1';
  // Known once listening (port 0 picks one); until then every request is refused.
  let door: { hosts: Set<string>; cookie: string } | null = null;

  // Before routing, for every request: the host door's checks (door-guard.ts, docs/SECURITY.md).
  app.addHook('onRequest', async (req, reply) => {
    const refusal = refuse(req);
    if (refusal) return reply.status(refusal.status).send(refusal.result);
  });
  function refuse(req: FastifyRequest): { status: number; result: Result<never> } | null {
    if (!door) return { status: 503, result: fail('unavailable', 'The host is starting.') };
    if (!hostAllowed(req.headers, door.hosts)) return { status: 403, result: fail('forbidden', 'host_not_allowed: this host answers only to its own address', undefined, 'host_not_allowed') };
    if (!req.url.startsWith('/api/')) return null;
    if (!sameOrigin(req.headers)) return { status: 403, result: fail('forbidden', 'cross_origin: only the app’s own pages may call it', undefined, 'cross_origin') };
    if (req.method !== 'GET' && !isJson(req.headers)) return { status: 415, result: fail('invalid_input', 'content_type_unsupported: send content-type: application/json', undefined, 'content_type_unsupported') };
    return null;
  }
  const callerOf = (req: FastifyRequest): CallMeta => ({ door: 'host', caller: (door && readCookie(req.headers, door.cookie)) ?? '' });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });

  // A body that is not JSON still gets the one Result shape, not Fastify's own error object.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    const code: ErrorCode = status >= 400 && status < 500 ? 'invalid_input' : 'internal';
    const reason = status === 413 ? 'body_too_large' : status === 415 ? 'content_type_unsupported' : undefined;
    // The error reduced by the logger (core/logging/errors.ts); never the body that caused it.
    if (code === 'internal') opts.ctx.log.error({ err, door: 'host', method: req.method, path: req.url.split('?')[0] }, 'host request failed');
    void reply.status(status).send(fail(code, err.message, undefined, reason));
  });

  /**
   * A call: a sign-in gets a fresh session cookie (the session is then this browser's), a sign-out
   * clears it, and every other call brings it (main/auth/gate.ts checks it for non-public handlers).
   */
  async function call(name: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const signingIn = name === 'auth.signIn';
    const meta: CallMeta = signingIn ? { door: 'host', caller: newSessionToken() } : callerOf(req);
    const result = await dispatch(opts.ctx, meta, name, req.body);
    if (door && result.ok && signingIn && meta.caller) void reply.header('Set-Cookie', setSessionCookie(door.cookie, meta.caller));
    if (door && result.ok && name === 'auth.signOut') void reply.header('Set-Cookie', clearSessionCookie(door.cookie));
    return reply.status(httpStatusOf(result)).send(result);
  }
  // One route per handler, each with its own body limit; anything else is unknown_handler.
  for (const name of HANDLER_NAMES) app.post(`/api/${name}`, { bodyLimit: bodyLimitOf(name) }, (req, reply) => call(name, req, reply));
  app.post<{ Params: { name: string } }>('/api/:name', (req, reply) => call(req.params.name, req, reply));

  app.get('/api/events', (req, reply) => {
    // Events (case numbers, sync state, scans) go only to the browser that signed in.
    const by = callerOf(req);
    const held = (): boolean => opts.ctx.session.staff !== null && opts.ctx.session.heldBy(by);
    if (!held()) return reply.status(401).send(fail('unauthenticated', 'Sign in first: events go to the browser that signed in.'));
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
      // Signed out, or signed in from elsewhere: the stream ends with the event that said so.
      if (!held()) stop();
    });
    // Comments keep proxies and idle timeouts from closing a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    function stop(): void {
      clearInterval(keepAlive);
      unsubscribe();
      res.end();
    }
    req.raw.on('close', stop);
  });

  await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });

  await app.listen({ port: opts.port, host: bind });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  door = { hosts: allowedHostHeaders(bind, port), cookie: sessionCookieName(port) };
  const shown = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  return { app, url: `http://${shown}:${port}/` };
}
