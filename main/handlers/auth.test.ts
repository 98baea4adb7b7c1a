import type { Database } from 'better-sqlite3';
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../tests/support/clock.js';
import { ADMIN, CLERK, signedInTerminal, SUPERVISOR } from '../../tests/support/intake.js';
import { PASSWORD_PARAMS } from '../auth/password.js';
import { testApp } from '../../tests/support/app.js';
import { dispatch } from './dispatch.js';

const actions = (db: Database): string[] =>
  (db.prepare('SELECT action FROM audit_journal ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('first run, sign-in and the idle lock', () => {
  it('sets up once: a second setup.init is refused', async () => {
    const { call } = await signedInTerminal();
    expect(await call('setup.status', {})).toEqual({ ok: true, value: { needsSetup: false, catalogLoaded: true } });
    const again = await call('setup.init', { terminalCode: 'X1', windowNo: '1', district: 'd', admin: ADMIN, loadSampleCatalog: false });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'already_set_up' } });
  });

  it('refuses a weak admin password and stores nothing', async () => {
    const ctx = testApp({ defaults: {} });
    const call = (name: string, input: unknown) => dispatch(ctx, { door: 'host' }, name, input);
    expect(await call('setup.init', { terminalCode: 'T1', windowNo: '1', district: 'd', admin: { ...ADMIN, password: 'short' } })).toMatchObject({
      ok: false,
      error: { reason: 'password_weak', field: 'admin.password' },
    });
    expect(await call('setup.status', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(await call('setup.init', { terminalCode: 't-1!', windowNo: '1', district: 'd', admin: ADMIN })).toMatchObject({ ok: false, error: { field: 'terminalCode' } });
  });

  it('never keeps a password in clear, in the staff table or the journal', async () => {
    const { ctx } = await signedInTerminal();
    const dump = JSON.stringify([ctx.store.db.prepare('SELECT * FROM staff').all(), ctx.store.db.prepare('SELECT * FROM audit_journal').all()]);
    expect(dump).not.toContain(ADMIN.password);
    expect(dump).not.toContain(CLERK.password);
    expect(dump).toContain('scrypt$');
  });

  it('journals a failed sign-in and answers it without saying which part was wrong', async () => {
    const { ctx, call } = await signedInTerminal();
    const wrongPass = await call('auth.signIn', { login: CLERK.login, password: 'not-it-123' });
    const noUser = await call('auth.signIn', { login: 'nobody', password: 'not-it-123' });
    expect(wrongPass).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'bad_credentials' } });
    expect(noUser).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'bad_credentials' } });
    expect(actions(ctx.store.db).filter((a) => a === 'auth.sign_in_failed')).toHaveLength(2);
  });

  it('refuses staff handlers to nobody and admin handlers to a clerk', async () => {
    const { call } = await signedInTerminal();
    expect(await call('staff.create', { login: 'zhao', displayName: '赵', role: 'clerk', password: 'zhao-pass-1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('auth.signOut', {});
    expect(await call('cases.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('locks after the idle time, journals it, and unlocks only with the right password', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 1000);
    const { ctx, call } = await signedInTerminal({ clock });
    expect(await call('settings.setIdleLock', { minutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    expect(await call('settings.setIdleLock', { minutes: 5 })).toEqual({ ok: true, value: { minutes: 5 } });
    await call('auth.signIn', { login: CLERK.login, password: CLERK.password });
    expect((await call('cases.list', {})).ok).toBe(true);
    clock.set('2026-11-26T01:06:00.000Z');
    expect(await call('cases.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('auth.session', {})).toMatchObject({ ok: true, value: { locked: true, staff: { login: CLERK.login }, idleLockMinutes: 5 } });
    expect(await call('auth.unlock', { password: 'wrong-123' })).toMatchObject({ ok: false, error: { reason: 'bad_credentials' } });
    expect(await call('auth.unlock', { password: CLERK.password })).toMatchObject({ ok: true });
    expect((await call('cases.list', {})).ok).toBe(true);
    const log = actions(ctx.store.db);
    expect(log.slice(-3)).toEqual(['auth.lock', 'auth.unlock_failed', 'auth.unlock']);
    expect(ctx.store.db.prepare("SELECT details FROM audit_journal WHERE action = 'auth.lock'").get()).toEqual({ details: '{"reason":"idle"}' });
  });

  it('counts an activity heartbeat as work, so typing without other calls does not lock', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 1000);
    const { call } = await signedInTerminal({ clock });
    clock.set('2026-11-26T01:08:00.000Z');
    expect(await call('auth.activity', {})).toEqual({ ok: true, value: { ok: true } });
    clock.set('2026-11-26T01:16:00.000Z'); // 16 min after sign-in, 8 after the heartbeat: under the 10-minute default
    expect((await call('cases.list', {})).ok).toBe(true);
    clock.set('2026-11-26T01:27:00.000Z');
    expect(await call('auth.activity', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('locks on request, and sign-out ends the session', async () => {
    const { ctx, call } = await signedInTerminal();
    expect(await call('auth.lock', { reason: 'manual' })).toEqual({ ok: true, value: { locked: true } });
    expect(await call('cases.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('auth.signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await call('auth.session', {})).toMatchObject({ ok: true, value: { staff: null, locked: false } });
    expect(actions(ctx.store.db).slice(-2)).toEqual(['auth.lock', 'auth.sign_out']);
  });
});

describe('wrong passwords: a lockout with back-off per login', () => {
  const details = (db: Database, action: string): Record<string, unknown>[] =>
    (db.prepare('SELECT details FROM audit_journal WHERE action = ? ORDER BY seq').all(action) as { details: string }[]).map((r) => JSON.parse(r.details) as Record<string, unknown>);

  it('locks a login out after four wrong passwords, for longer each time; the right one waits too, then works and clears the count', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 0);
    const { ctx, call } = await signedInTerminal({ clock });
    const wrong = () => call('auth.signIn', { login: SUPERVISOR.login, password: 'guess-1234' });
    const right = () => call('auth.signIn', { login: SUPERVISOR.login, password: SUPERVISOR.password });
    for (let i = 0; i < 4; i += 1) expect(await wrong()).toMatchObject({ ok: false, error: { reason: 'bad_credentials' } });
    expect(details(ctx.store.db, 'auth.locked_out')).toEqual([]);
    expect(await wrong()).toMatchObject({ ok: false, error: { reason: 'bad_credentials' } }); // the 5th: locks for 30 s
    expect(details(ctx.store.db, 'auth.locked_out')).toEqual([{ login: SUPERVISOR.login, failures: 5, until: '2026-11-26T01:00:30.000Z' }]);
    // While locked out even the right password is refused, without being tried, and not journaled as a failure.
    expect(await right()).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'too_many_attempts', field: 'password' } });
    expect(await wrong()).toMatchObject({ ok: false, error: { reason: 'too_many_attempts' } });
    expect(details(ctx.store.db, 'auth.sign_in_failed')).toHaveLength(5);

    clock.set('2026-11-26T01:00:31.000Z');
    expect(await wrong()).toMatchObject({ ok: false, error: { reason: 'bad_credentials' } }); // the 6th: 60 s
    expect(details(ctx.store.db, 'auth.locked_out').at(-1)).toEqual({ login: SUPERVISOR.login, failures: 6, until: '2026-11-26T01:01:31.000Z' });
    clock.set('2026-11-26T01:01:00.000Z');
    expect(await right()).toMatchObject({ ok: false, error: { reason: 'too_many_attempts' } });
    clock.set('2026-11-26T01:01:32.000Z');
    expect(await right()).toMatchObject({ ok: true, value: { staff: { login: SUPERVISOR.login } } });
    // Cleared: four free tries again.
    for (let i = 0; i < 4; i += 1) await wrong();
    expect(await right()).toMatchObject({ ok: true });
    // Another login was never slowed.
    expect(await call('auth.signIn', { login: CLERK.login, password: CLERK.password })).toMatchObject({ ok: true });
  });

  it('answers an unknown login exactly like a known one, lockout included (nothing says which logins exist)', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 0);
    const { call } = await signedInTerminal({ clock });
    const answers = async (login: string): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const r = await call('auth.signIn', { login, password: 'guess-1234' });
        out.push(r.ok ? 'ok' : `${r.error.code}/${r.error.reason}`);
      }
      return out;
    };
    const known = await answers(SUPERVISOR.login);
    expect(known).toEqual([...Array(5).fill('unauthenticated/bad_credentials'), 'forbidden/too_many_attempts']);
    expect(await answers('nobody-here')).toEqual(known);
    // However the login is typed, it is one counter.
    expect(await call('auth.signIn', { login: SUPERVISOR.login.toUpperCase(), password: 'guess-1234' })).toMatchObject({ ok: false, error: { reason: 'too_many_attempts' } });
  });

  it('counts guesses sent all at once: only the free ones are tried', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 0);
    const { ctx, call } = await signedInTerminal({ clock });
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => call('auth.signIn', { login: ADMIN.login, password: `guess-${i}-x1` })));
    const reasons = all.map((r) => (r.ok ? 'ok' : r.error.reason));
    expect(reasons.filter((r) => r === 'bad_credentials')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'too_many_attempts')).toHaveLength(7);
    expect(details(ctx.store.db, 'auth.sign_in_failed')).toHaveLength(5);
  });

  it('counts wrong unlock passwords against the signed-in login', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 0);
    const { call } = await signedInTerminal({ clock });
    await call('auth.lock', { reason: 'manual' });
    for (let i = 0; i < 5; i += 1) expect(await call('auth.unlock', { password: 'guess-1234' })).toMatchObject({ ok: false, error: { reason: 'bad_credentials' } });
    expect(await call('auth.unlock', { password: CLERK.password })).toMatchObject({ ok: false, error: { reason: 'too_many_attempts' } });
    clock.set('2026-11-26T01:00:31.000Z');
    expect(await call('auth.unlock', { password: CLERK.password })).toMatchObject({ ok: true });
  });

  it("upgrades a hash made with older scrypt parameters at the owner's next sign-in", async () => {
    const { ctx, call } = await signedInTerminal();
    const hashOf = (): string => (ctx.store.db.prepare('SELECT password_hash FROM staff WHERE login = ?').get(CLERK.login) as { password_hash: string }).password_hash;
    expect(hashOf().split('$').slice(0, 4)).toEqual(['scrypt', String(PASSWORD_PARAMS.N), '8', '1']);
    expect(PASSWORD_PARAMS.N).toBe(2 ** 17);
    // What the previous version stored for CLERK.password: scrypt N=2^15, r=8, p=1.
    const salt = Buffer.alloc(16, 7);
    const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), scryptSync(CLERK.password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')].join('$');
    ctx.store.db.prepare('UPDATE staff SET password_hash = ? WHERE login = ?').run(old, CLERK.login);
    expect(await call('auth.signIn', { login: CLERK.login, password: 'not-it-123' })).toMatchObject({ ok: false });
    expect(hashOf()).toBe(old);
    expect(await call('auth.signIn', { login: CLERK.login, password: CLERK.password })).toMatchObject({ ok: true });
    expect(hashOf().split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect(await call('auth.signIn', { login: CLERK.login, password: CLERK.password })).toMatchObject({ ok: true });
  });
});
