import { DomainError } from '../../core/result.js';
import { mustChangePassword } from '../auth/accounts.js';
import { idleLockMinutes, recordLock } from '../auth/gate.js';
import { checkCredentials } from '../auth/staff.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

const nowMs = (ctx: HandlerContext): number => Date.parse(ctx.clock.nowIso());

function changed(ctx: HandlerContext): void {
  ctx.events.emit('auth.changed', { signedIn: ctx.session.staff !== null, locked: ctx.session.locked });
}

export const authHandlers = {
  'auth.session': (_input, ctx) => {
    const { session } = ctx;
    if (session.lockIfIdle(nowMs(ctx), idleLockMinutes(ctx) * 60_000)) recordLock(ctx, 'idle');
    const mustChange = session.staff !== null && mustChangePassword(ctx.store.db, session.staff.id);
    return { staff: session.staff, locked: session.locked, idleLockMinutes: idleLockMinutes(ctx), mustChangePassword: mustChange };
  },
  'auth.signIn': async ({ login, password }, ctx) => {
    const { db } = ctx.store;
    const staff = await checkCredentials(db, login, password);
    if (!staff) {
      db.transaction(() => {
        appendAudit(db, ctx.clock, { actor: null, action: 'auth.sign_in_failed', details: { login } });
        db.prepare('UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE login = ?').run(login);
      })();
      throw new DomainError('unauthenticated', 'wrong login or password', 'password', 'bad_credentials');
    }
    db.transaction(() => {
      appendAudit(db, ctx.clock, { actor: staff.login, action: 'auth.sign_in', details: { role: staff.role } });
      db.prepare('UPDATE staff SET failed_sign_ins = 0 WHERE id = ?').run(staff.id);
    })();
    ctx.session.signIn(staff, nowMs(ctx));
    changed(ctx);
    return { staff };
  },
  'auth.unlock': async ({ password }, ctx) => {
    const { session } = ctx;
    const { db } = ctx.store;
    if (!session.staff) throw new DomainError('unauthenticated', 'Nobody is signed in; sign in instead.');
    const staff = await checkCredentials(db, session.staff.login, password);
    if (!staff) {
      appendAudit(db, ctx.clock, { actor: session.staff.login, action: 'auth.unlock_failed' });
      throw new DomainError('unauthenticated', 'wrong password', 'password', 'bad_credentials');
    }
    appendAudit(db, ctx.clock, { actor: staff.login, action: 'auth.unlock' });
    session.signIn(staff, nowMs(ctx));
    changed(ctx);
    return { staff };
  },
  'auth.lock': ({ reason }, ctx) => {
    if (!ctx.session.staff || ctx.session.locked) return { locked: ctx.session.locked };
    ctx.session.locked = true;
    recordLock(ctx, reason);
    return { locked: true };
  },
  // The access check already moved the session's last activity to now; nothing else to do.
  'auth.activity': () => ({ ok: true as const }),
  'auth.signOut': (_input, ctx) => {
    const staff = ctx.session.staff;
    if (!staff) return { signedOut: false };
    appendAudit(ctx.store.db, ctx.clock, { actor: staff.login, action: 'auth.sign_out' });
    ctx.session.signOut();
    changed(ctx);
    return { signedOut: true };
  },
} satisfies Partial<HandlerImpls>;
