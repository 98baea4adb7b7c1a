/** The small interfaces core talks to the world through; main/ and tests provide them. */
export interface Clock {
  /** Current instant as an ISO-8601 UTC string (what the store and the journal record). */
  nowIso(): string;
}

export const systemClock: Clock = {
  nowIso: () => new Date().toISOString(),
};

/** What a log line carries besides its message: ids, counts, codes; never personal data (docs/DESIGN.md, Logging). */
export type LogFields = Record<string, unknown>;

/**
 * The logger port. main/ and sync/server give it pino (main/logging, sync/server/logging.ts), whose
 * methods have this shape, so a pino logger is a Logger; everything else takes one and never knows.
 * Fields first, then a fixed message: a message is a constant sentence, the values go into fields.
 */
export interface Logger {
  debug(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  /** A logger whose every line also carries these ids (terminalId, handler, reqId …). */
  child(bindings: LogFields): Logger;
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
