import type { Logger } from '../../core/ports.js';
import { createLogger, type LogLevel } from '../../main/logging/logger.js';
import { centralLogger, type CentralLogger } from '../../sync/server/logging.js';

/** One JSON log line, parsed. */
export type LogEntry = Record<string, unknown> & { level: string; msg: string };

export interface Captured<L> {
  /** The real logger (the product's factory and policy), writing into memory. */
  log: L;
  /** Everything written, exactly as it would reach the file or stdout. */
  text(): string;
  entries(): LogEntry[];
}

function capture<L>(make: (sink: { write(line: string): void }) => L): Captured<L> {
  const chunks: string[] = [];
  const log = make({ write: (line) => void chunks.push(line) });
  const text = (): string => chunks.join('');
  return {
    log,
    text,
    entries: () =>
      text()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as LogEntry),
  };
}

/** The terminal's logger (main/logging) into memory. */
export const captureLogs = (level: LogLevel = 'debug'): Captured<Logger> => capture((sink) => createLogger({ level, sink }));

/** The central service's logger (sync/server/logging.ts) into memory. */
export const captureCentralLogs = (level = 'debug'): Captured<CentralLogger> => capture((sink) => centralLogger({ level, sink }));
