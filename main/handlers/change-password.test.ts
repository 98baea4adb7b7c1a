import { describe, expect, it } from 'vitest';
import { CLERK, signedInTerminal } from '../../tests/support/intake.js';

describe('staff.changePassword', () => {
  it('counts wrong current passwords like every other password check: past the free tries even the right one is refused (too_many_attempts), and the failures are journaled', async () => {
    const { ctx, call } = await signedInTerminal();
    const wrong: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await call('staff.changePassword', { current: 'not-my-pass-1', next: 'new-pass-123' });
      wrong.push(r.ok ? 'ok' : (r.error.reason ?? r.error.code));
    }
    expect(wrong.slice(0, 4)).toEqual(['bad_credentials', 'bad_credentials', 'bad_credentials', 'bad_credentials']);
    const right = await call('staff.changePassword', { current: CLERK.password, next: 'new-pass-123' });
    expect(right.ok ? 'ok' : right.error.reason).toBe('too_many_attempts');
    const failures = ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action = 'staff.change_password_failed'").get() as { n: number };
    expect(failures.n).toBeGreaterThanOrEqual(4);
  });
});
