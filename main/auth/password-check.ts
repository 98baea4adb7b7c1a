import { DomainError } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerContext } from '../handlers/context.js';
import type { StaffRef } from './session.js';
import { checkCredentials } from './staff.js';
import { clearFailures, lockedUntil, recordFailure } from './throttle.js';

export type PasswordPurpose = 'sign_in' | 'unlock' | 'sign_off' | 'change_password';

/** The journal action of each kind of failed check (a lockout is `auth.locked_out` besides). */
const FAILED: Record<PasswordPurpose, string> = { sign_in: 'auth.sign_in_failed', unlock: 'auth.unlock_failed', sign_off: 'auth.sign_off_failed', change_password: 'staff.change_password_failed' };

export interface PasswordCheck {
  login: string;
  password: string;
  purpose: PasswordPurpose;
  /** Who is asking (journaled as the actor): nobody for a sign-in, the signed-in clerk for a sign-off. */
  actor: string | null;
  /** The input field a lockout is reported on. */
  field: string;
  /** What a sign-off is for (`notices.void`, `applicant.uscc_override`), journaled with a failure. */
  about?: string;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * One check at a time: a check reads the login's count before its scrypt and raises it after, so two
 * at once would both pass a count that should have stopped the second (400 parallel guesses all
 * "before the lockout"); and each scrypt holds 128 MiB.
 */
function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Every password check at the terminal goes through here: sign-in, unlock, and a supervisor's
 * sign-off at the counter (credit-code override, voiding a notice), and the current password of a change. While the login is locked out
 * the password is not even tried (`too_many_attempts`, whether it is right or not, whether the login
 * exists or not); a wrong one is counted and journaled, and past the free tries locks the login out
 * for longer each time (main/auth/throttle.ts); a right one clears the count. Returns the member of
 * staff, or null for a wrong login or password: the caller gives its one answer for that.
 */
export function checkPassword(ctx: HandlerContext, check: PasswordCheck): Promise<StaffRef | null> {
  return oneAtATime(async () => {
    const { db } = ctx.store;
    const now = ctx.clock.nowIso();
    const until = lockedUntil(db, check.login, Date.parse(now));
    if (until !== null) {
      const seconds = Math.ceil((until - Date.parse(now)) / 1000);
      throw new DomainError('forbidden', `too many wrong passwords for this login; try again in ${seconds} s`, check.field, 'too_many_attempts');
    }
    const staff = await checkCredentials(db, check.login, check.password);
    if (staff) {
      clearFailures(db, check.login);
      return staff;
    }
    db.transaction(() => {
      const counted = recordFailure(db, check.login, ctx.clock.nowIso());
      const details = { login: check.login, ...(check.about ? { about: check.about } : {}) };
      appendAudit(db, ctx.clock, { actor: check.actor, action: FAILED[check.purpose], details });
      if (counted.lockedUntil) {
        appendAudit(db, ctx.clock, { actor: check.actor, action: 'auth.locked_out', details: { login: check.login, failures: counted.failures, until: counted.lockedUntil } });
      }
    })();
    return null;
  });
}
