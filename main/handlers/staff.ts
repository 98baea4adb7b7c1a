import { listStaff, prepareStaff } from '../auth/staff.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerImpls } from './table.js';

export const staffHandlers = {
  'staff.list': (_input, ctx) => listStaff(ctx.store.db),
  'staff.create': async (input, ctx) => {
    const { db } = ctx.store;
    const insert = await prepareStaff(db, input);
    return db.transaction(() => {
      const staff = insert(ctx.clock.nowIso());
      appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'staff.create', subject: `staff:${staff.login}`, details: { role: staff.role } });
      return staff;
    })();
  },
} satisfies Partial<HandlerImpls>;
