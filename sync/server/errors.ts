import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { SyncErrorCode } from '../protocol/index.js';

/**
 * A refusal with the protocol's error body `{error:{code, message, ...details}}`. Route code throws
 * it; the error handler below turns it, and Fastify's own errors, into that body.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const invalidRequest = (message: string, details: Record<string, unknown> = {}): HttpError => new HttpError(400, 'invalid_request', message, details);

/** Parses with a zod schema or refuses with 400 `invalid_request` and the issues. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  throw invalidRequest(`${what} has the wrong shape: ${issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}

/** Fastify's own errors, by code, as the protocol's. */
const FASTIFY_CODES: Record<string, { status: number; code: SyncErrorCode }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_request' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'invalid_request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_request' },
};

/** Errors that mean the database cannot be reached right now: worth a retry (503), not a bug (500). */
function unavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // Connection refused/reset, PostgreSQL shutting down (57P01-3), too many connections (53300), cannot connect now (57P03).
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) ||
    (typeof e.message === 'string' && /Connection terminated|connection timeout|PGlite is closed/i.test(e.message));
}

/** PostgreSQL's untranslatable_character (22P05: U+0000 in jsonb), character_not_in_repertoire (22021: NUL in text). */
function unstorableText(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '22P05' || code === '22021';
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError | Error, request, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    const known = 'code' in err && typeof err.code === 'string' ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.code(known.status).send({ error: { code: known.code, message: err.message } });
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Any other client error Fastify finds (a bad header, say) is still the client's: invalid_request.
      return reply.code(status).send({ error: { code: 'invalid_request', message: err.message } });
    }
    if (unstorableText(err)) {
      // A text the database cannot keep that got past the checks: the request's fault, never worth a retry.
      request.log.warn({ err }, 'text the database cannot store');
      return reply.code(400).send({ error: { code: 'invalid_request', message: 'the request holds text the database cannot store (U+0000, or a broken character)' } });
    }
    if (unavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply.code(503).send({ error: { code: 'unavailable', message: 'the service cannot reach its database; retry later' } });
    }
    request.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` } }),
  );
}
