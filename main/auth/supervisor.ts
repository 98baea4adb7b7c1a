import { DomainError } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerContext } from '../handlers/context.js';
import { checkPassword } from './password-check.js';
import { roleAllows, type StaffRef } from './session.js';

/**
 * A supervisor's sign-off at the counter: their login and their own password, whoever is signed in.
 * Used for a credit-code override and for voiding a notice. Throttled and journaled like a sign-in
 * (the same count per login), and one answer whatever is wrong (no such login, wrong password, not a
 * supervisor), so the counter is no way to test someone's password. Callers check everything else
 * first, so a right password is not told apart by a later refusal either.
 */
export async function requireSupervisor(ctx: HandlerContext, login: string, password: string | undefined, field: string, about: string): Promise<StaffRef> {
  const actor = ctx.session.staff?.login ?? null;
  const staff = password === undefined ? null : await checkPassword(ctx, { login, password, purpose: 'sign_off', actor, field, about });
  if (staff && !roleAllows(staff.role, 'supervisor')) {
    // A right password of someone who may not sign this: refused the same way, and journaled too.
    appendAudit(ctx.store.db, ctx.clock, { actor, action: 'auth.sign_off_failed', details: { login, about } });
  }
  if (!staff || !roleAllows(staff.role, 'supervisor')) {
    throw new DomainError('forbidden', 'a supervisor must sign this with their own login and password', field, 'supervisor_sign_off_refused');
  }
  return staff;
}
