import { DomainError } from '../../core/result.js';
import { checkPassword } from '../auth/password-check.js';
import { account, listAccounts, prepareChange, prepareReset, setActive, setRole } from '../auth/accounts.js';
import { listStaff, prepareStaff } from '../auth/staff.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

const actor = (ctx: HandlerContext): string | null => ctx.session.staff?.login ?? null;

function journal(ctx: HandlerContext, action: string, login: string, details: Record<string, unknown>): void {
  appendAudit(ctx.store.db, ctx.clock, { actor: actor(ctx), action, subject: `staff:${login}`, details });
}

export const staffHandlers = {
  'staff.list': (_input, ctx) => listStaff(ctx.store.db),
  'staff.create': async (input, ctx) => {
    const { db } = ctx.store;
    const insert = await prepareStaff(db, input);
    return db.transaction(() => {
      const staff = insert(ctx.clock.nowIso());
      if (input.mustChangePassword) db.prepare('UPDATE staff SET must_change_password = 1 WHERE id = ?').run(staff.id);
      journal(ctx, 'staff.create', staff.login, { role: staff.role, mustChangePassword: input.mustChangePassword });
      return staff;
    })();
  },
  'staff.accounts': (_input, ctx) => listAccounts(ctx.store.db),
  'staff.setRole': ({ staffId, role }, ctx) => {
    const { db } = ctx.store;
    return db.transaction(() => {
      const before = account(db, staffId);
      const after = setRole(db, staffId, role, ctx.session.requireStaff().id);
      journal(ctx, 'staff.set_role', after.login, { from: before.role, to: after.role });
      return after;
    })();
  },
  'staff.setActive': ({ staffId, active }, ctx) => {
    const { db } = ctx.store;
    return db.transaction(() => {
      const after = setActive(db, staffId, active, ctx.session.requireStaff().id);
      journal(ctx, active ? 'staff.enable' : 'staff.disable', after.login, {});
      return after;
    })();
  },
  'staff.resetPassword': async ({ staffId, password }, ctx) => {
    const { db } = ctx.store;
    const update = await prepareReset(db, staffId, password);
    return db.transaction(() => {
      const after = update();
      journal(ctx, 'staff.reset_password', after.login, {});
      return after;
    })();
  },
  'staff.changePassword': async ({ current, next }, ctx) => {
    const { db } = ctx.store;
    const me = ctx.session.requireStaff();
    const checked = await checkPassword(ctx, { login: me.login, password: current, purpose: 'change_password', actor: me.login, field: 'current' });
    if (!checked) throw new DomainError('unauthenticated', 'wrong current password', 'current', 'bad_credentials');
    const update = await prepareChange(db, me.id, current, next);
    db.transaction(() => {
      update();
      journal(ctx, 'staff.change_password', me.login, {});
    })();
    return { changed: true as const };
  },
} satisfies Partial<HandlerImpls>;
