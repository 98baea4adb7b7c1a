import { DomainError } from '../../core/result.js';
import { idleLockMinutes, recordLock } from '../auth/gate.js';
import { checkPassword } from '../auth/password-check.js';
import { appendAudit } from '../db/audit.js';
import type { CallMeta, HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

const nowMs = (ctx: HandlerContext): number => Date.parse(ctx.clock.nowIso());

function changed(ctx: HandlerContext): void {
  ctx.events.emit('auth.changed', { signedIn: ctx.session.staff !== null, locked: ctx.session.locked });
}

/** The session as this caller may see and act on it: on the host door only the browser that signed in holds it. */
const mine = (ctx: HandlerContext, meta: CallMeta): boolean => ctx.session.staff !== null && ctx.session.heldBy(meta);

export const authHandlers = {
  'auth.session': (_input, ctx, meta) => {
    const { session } = ctx;
    // Signed in elsewhere (another browser on the host door) is, to this caller, nobody signed in.
    if (!mine(ctx, meta)) return { staff: null, locked: false, idleLockMinutes: idleLockMinutes(ctx) };
    if (session.lockIfIdle(nowMs(ctx), idleLockMinutes(ctx) * 60_000)) recordLock(ctx, 'idle');
    return { staff: session.staff, locked: session.locked, idleLockMinutes: idleLockMinutes(ctx) };
  },
  'auth.signIn': async ({ login, password }, ctx, meta) => {
    const { db } = ctx.store;
    const staff = await checkPassword(ctx, { login, password, purpose: 'sign_in', actor: null, field: 'password' });
    if (!staff) throw new DomainError('unauthenticated', 'wrong login or password', 'password', 'bad_credentials');
    db.transaction(() => appendAudit(db, ctx.clock, { actor: staff.login, action: 'auth.sign_in', details: { role: staff.role } }))();
    ctx.session.signIn(staff, nowMs(ctx), meta);
    changed(ctx);
    return { staff };
  },
  'auth.unlock': async ({ password }, ctx, meta) => {
    const { session } = ctx;
    const { db } = ctx.store;
    if (!session.staff || !mine(ctx, meta)) throw new DomainError('unauthenticated', 'Nobody is signed in; sign in instead.');
    const login = session.staff.login;
    const staff = await checkPassword(ctx, { login, password, purpose: 'unlock', actor: login, field: 'password' });
    if (!staff) throw new DomainError('unauthenticated', 'wrong password', 'password', 'bad_credentials');
    appendAudit(db, ctx.clock, { actor: staff.login, action: 'auth.unlock' });
    session.signIn(staff, nowMs(ctx), meta);
    changed(ctx);
    return { staff };
  },
  'auth.lock': ({ reason }, ctx, meta) => {
    if (!mine(ctx, meta) || ctx.session.locked) return { locked: mine(ctx, meta) && ctx.session.locked };
    ctx.session.locked = true;
    recordLock(ctx, reason);
    return { locked: true };
  },
  // The access check already moved the session's last activity to now; nothing else to do.
  'auth.activity': () => ({ ok: true as const }),
  'auth.signOut': (_input, ctx, meta) => {
    const staff = ctx.session.staff;
    if (!staff || !mine(ctx, meta)) return { signedOut: false };
    appendAudit(ctx.store.db, ctx.clock, { actor: staff.login, action: 'auth.sign_out' });
    ctx.session.signOut();
    changed(ctx);
    return { signedOut: true };
  },
} satisfies Partial<HandlerImpls>;
