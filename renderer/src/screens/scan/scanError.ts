import type { AppError } from '../../../../core/result.js';

/** Reasons whose message carries what the scanner (or its tool) itself said. */
const FROM_SCANNER = new Set(['scanner_missing', 'device_not_found', 'device_gone', 'feeder_empty', 'option_unsupported', 'scan_failed']);

/**
 * The scanner's own words in a refused scan, for the clerk to read (or read out to IT), e.g. `The
 * scanner "test:0" failed: Document feeder jammed`: the handler's message without a leading
 * `reason: `. Null for refusals that are not the scanner's.
 */
export function scannerSaid(error: Pick<AppError, 'message' | 'reason'>): string | null {
  if (error.reason === undefined || !FROM_SCANNER.has(error.reason)) return null;
  const said = error.message.startsWith(`${error.reason}: `) ? error.message.slice(error.reason.length + 2) : error.message;
  return said.trim() || null;
}
