import type { Access } from '../../core/api/contract.js';
import { fail, type Result } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import { getSetting } from '../db/settings.js';
import type { HandlerContext } from '../handlers/context.js';
import { roleAllows, type Caller } from './session.js';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export function idleLockMinutes(ctx: HandlerContext): number {
  const v = Number(getSetting(ctx.store.db, 'idle_lock_minutes'));
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_IDLE_LOCK_MINUTES;
}

/** Journals a lock and tells the renderer; used for idle locks and manual ones alike. */
export function recordLock(ctx: HandlerContext, reason: 'idle' | 'manual'): void {
  const staff = ctx.session.staff;
  appendAudit(ctx.store.db, ctx.clock, { actor: staff?.login ?? null, action: 'auth.lock', details: { reason } });
  ctx.events.emit('auth.changed', { signedIn: staff !== null, locked: true });
}

/**
 * Checks, before a handler runs, that someone is signed in and this caller holds the session (on the
 * host door: the browser that signed in), the screen is not locked (locking it first if the terminal
 * sat idle too long), and their role allows the handler. Returns a refusal, or null.
 */
export function checkAccess(ctx: HandlerContext, access: Access, by: Caller): Result<never> | null {
  if (access === 'public') return null;
  const { session } = ctx;
  if (!session.staff || !session.heldBy(by)) return fail('unauthenticated', 'Sign in first.');
  const now = Date.parse(ctx.clock.nowIso());
  if (session.lockIfIdle(now, idleLockMinutes(ctx) * 60_000)) recordLock(ctx, 'idle');
  if (session.locked) return fail('locked', 'The screen is locked; unlock it with your password.');
  if (!roleAllows(session.staff.role, access)) return fail('forbidden', `This needs the ${access} role.`);
  session.lastActivityMs = now;
  return null;
}
