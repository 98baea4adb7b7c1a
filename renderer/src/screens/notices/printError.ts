import type { AppError } from '../../../../core/result.js';

/** Reasons whose message carries what the printing system itself said. */
const FROM_PRINTER = new Set(['printer_unknown', 'printer_stopped', 'cups_unavailable', 'print_failed', 'timeout']);

/**
 * The printing system's own words in a refused print, for the clerk to read (or read out to IT):
 * the handler's message without its leading `reason: `, e.g. `There is no printer named “X”: lpstat:
 * Invalid destination name in list "X".` Null for refusals that are not the printer's.
 */
export function printerSaid(error: Pick<AppError, 'message' | 'reason'>): string | null {
  if (error.reason === undefined || !FROM_PRINTER.has(error.reason)) return null;
  const said = error.message.startsWith(`${error.reason}: `) ? error.message.slice(error.reason.length + 2) : error.message;
  return said.trim() || null;
}
