import { reduceError } from './errors.js';
import { censor, isPersonalKey, maskQuoted, REDACTED, scrubText } from './redact.js';

/**
 * The one logging policy, as options for pino (typed here by shape, so core imports no logger):
 * main/logging and sync/server/logging.ts each hand it to pino with their own destination. What it
 * guarantees, whatever a caller passes:
 * - errors, under `err` or anywhere else, are reduced to type, code, masked message and frames
 *   (errors.ts): no SQL statement, parameter, detail or body ever gets out of an error object;
 * - personal keys are redacted at any depth and free text is scrubbed of ID and phone numbers;
 * - HTTP requests and replies (Fastify's `req`/`res`) show method, path without query, status.
 */
export interface LogPolicyOptions {
  level: string;
  base: Record<string, unknown>;
  timestamp: () => string;
  serializers: Record<string, (value: unknown) => unknown>;
  formatters: {
    level: (label: string) => Record<string, unknown>;
    bindings: (bindings: Record<string, unknown>) => Record<string, unknown>;
    log: (object: Record<string, unknown>) => Record<string, unknown>;
  };
  hooks: { logMethod: (this: unknown, args: unknown[], method: { apply(thisArg: unknown, args: unknown[]): void }) => void };
}

/** Keys a serializer below takes care of: left to it, unwalked (a Fastify request holds its body). */
const SERIALIZED = new Set(['err', 'req', 'res']);

const bag = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Fields with personal keys redacted and values censored; pino's child() skips the bindings formatter, so child() wrappers call this. */
export function censorFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SERIALIZED.has(k) ? v : isPersonalKey(k) ? REDACTED : censor(v, reduceError);
  return out;
}

const serializers: LogPolicyOptions['serializers'] = {
  err: (e) => reduceError(e),
  req: (r) => {
    const q = bag(r);
    return {
      method: typeof q.method === 'string' ? q.method : undefined,
      url: typeof q.url === 'string' ? scrubText(q.url.split('?')[0] ?? '') : undefined,
      remoteAddress: typeof q.ip === 'string' ? q.ip : undefined,
    };
  },
  res: (r) => ({ statusCode: bag(r).statusCode }),
};

/** Messages are meant to be constant sentences; a caller's value slipped into one is masked all the same. */
const cleanMessage = (msg: string): string => maskQuoted(scrubText(msg));

export function logPolicy(level: string, base: Record<string, unknown>): LogPolicyOptions {
  return {
    level,
    base,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: censorFields,
      log: censorFields,
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args;
        // pino would make an Error's own message the line's message, unmasked: file it under `err`.
        const lead = first instanceof Error ? { err: first } : typeof first === 'string' ? cleanMessage(first) : first;
        if (first instanceof Error && typeof rest[0] !== 'string') rest.unshift('error');
        method.apply(this, [lead, ...rest.map((a) => (typeof a === 'string' ? cleanMessage(a) : a))]);
      },
    },
  };
}
