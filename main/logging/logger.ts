import { hostname } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger as Pino } from 'pino';
import { censorFields, logPolicy } from '../../core/logging/options.js';
import type { Logger } from '../../core/ports.js';
import { RotatingFile, type RotatingFileOptions } from './rotating-file.js';

/** Where pino writes: anything with `write(line)` (a stream, a RotatingFile, a test's memory). */
export interface LogSink {
  write(line: string): unknown;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `OW_LOG_LEVEL` or a `--log-level` value, checked; the default when it is not set. */
export function logLevelFrom(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  if (value === undefined || value === '') return fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`the log level must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
  return value as LogLevel;
}

/**
 * The terminal's logger: one JSON object a line, with the policy of core/logging (errors reduced,
 * personal keys redacted, free text scrubbed). The host writes it to stdout, the desktop app to
 * its rotating file (`fileLogger`).
 */
export function createLogger(opts: { level?: LogLevel; sink: LogSink }): Logger {
  const { level = 'info', sink } = opts;
  return asPort(pino(logPolicy(level, { service: 'onewindow', pid: process.pid, hostname: hostname() }), { write: (line: string) => void sink.write(line) }));
}

/** pino behind the port; a child's ids pass the policy too (pino applies no formatter to them). */
function asPort(p: Pino): Logger {
  return {
    debug: (fields, msg) => p.debug(fields, msg),
    info: (fields, msg) => p.info(fields, msg),
    warn: (fields, msg) => p.warn(fields, msg),
    error: (fields, msg) => p.error(fields, msg),
    child: (bindings) => asPort(p.child(censorFields(bindings))),
  };
}

export const LOG_FILE_NAME = 'onewindow.log';

/** The desktop app's logger: `<dir>/onewindow.log`, rotated by size (`.1` … `.4`). */
export function fileLogger(dir: string, level: LogLevel = 'info', rotation: RotatingFileOptions = {}): { log: Logger; file: RotatingFile } {
  const file = new RotatingFile(join(dir, LOG_FILE_NAME), rotation);
  return { log: createLogger({ level, sink: file }), file };
}

/** What a context gets when its caller names no logger: warnings and errors on stderr (stdout may be a protocol). */
export function stderrLogger(): Logger {
  return createLogger({ level: 'warn', sink: process.stderr });
}
