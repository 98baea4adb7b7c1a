import { DomainError } from '../../core/result.js';
import { getSetting } from '../db/settings.js';
import type { HandlerContext } from '../handlers/context.js';

/** The printer asked for, else the one set for this kind of document (core/notices DOCUMENT_KINDS), else the system's default. */
export async function choosePrinter(ctx: HandlerContext, kind: string, asked: string | undefined): Promise<string> {
  if (asked) return asked;
  const set = getSetting(ctx.store.db, `printer:${kind}`);
  if (set) return set;
  const fallback = (await ctx.printer.list()).find((p) => p.isDefault);
  if (!fallback) throw new DomainError('unavailable', 'no printer is set for this notice and there is no default printer', 'printer', 'printer_not_chosen');
  return fallback.name;
}
