import { DomainError } from '../../core/result.js';
import type { HandlerContext } from '../handlers/context.js';
import { roleAllows, type StaffRef } from './session.js';
import { checkCredentials } from './staff.js';

/**
 * A supervisor's sign-off at the counter: their login and their own password, whoever is signed in.
 * Used for a credit-code override and for voiding a notice.
 */
export async function requireSupervisor(ctx: HandlerContext, login: string, password: string | undefined, field: string): Promise<StaffRef> {
  const staff = password === undefined ? null : await checkCredentials(ctx.store.db, login, password);
  if (!staff || !roleAllows(staff.role, 'supervisor')) {
    throw new DomainError('forbidden', 'a supervisor must sign this with their own login and password', field, 'supervisor_sign_off_refused');
  }
  return staff;
}
