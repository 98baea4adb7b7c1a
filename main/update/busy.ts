import { openBatches } from '../scanning/batches.js';
import type { HandlerContext } from '../handlers/context.js';

/**
 * Whether restarting the app now could interrupt a clerk: somebody is signed in (even a locked
 * session may have a half-typed intake behind the lock screen), or a scan batch is open (an intake
 * whose pages are stored but not submitted). Only a counter nobody is signed in to is idle.
 */
export function counterBusy(ctx: Pick<HandlerContext, 'session' | 'store'>): boolean {
  if (ctx.session.staff) return true;
  return openBatches(ctx.store.db).length > 0;
}
