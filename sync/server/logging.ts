import { hostname } from 'node:os';
import { pino, type Logger as Pino } from 'pino';
import { logPolicy } from '../../core/logging/options.js';

/** The central service's logger: pino with core/logging's policy, handed to Fastify as its logger. */
export type CentralLogger = Pino;

export const CENTRAL_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * JSON lines on stdout (or `sink`): every request with its reqId, method, path (no query), status
 * and time; the terminal's id once its credential is checked; errors as type, SQLSTATE or code and
 * masked message. Never a body, an SQL parameter, or a value PostgreSQL quoted in its message.
 */
export function centralLogger(opts: { level?: string; sink?: { write(line: string): unknown } } = {}): CentralLogger {
  const level = opts.level ?? 'info';
  if (!(CENTRAL_LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`--log-level must be one of ${CENTRAL_LOG_LEVELS.join(', ')}, not "${level}"`);
  const sink = opts.sink ?? process.stdout;
  return pino(logPolicy(level, { service: 'central', pid: process.pid, hostname: hostname() }), { write: (line: string) => void sink.write(line) });
}
