import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../tests/support/clock.js';
import { ADMIN, CLERK, signedInTerminal } from '../../tests/support/intake.js';
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
