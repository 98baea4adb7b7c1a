import { readFileSync } from 'node:fs';
import { parseCatalog } from '../../core/catalog/schema.js';
import { DomainError } from '../../core/result.js';
import { passwordProblem } from '../auth/password.js';
import { prepareStaff, staffCount } from '../auth/staff.js';
import { loadCatalog, writeCatalog } from '../catalog/store.js';
import { appendAudit } from '../db/audit.js';
import { setSetting } from '../db/settings.js';
import { resourcePath } from '../resources.js';
import type { HandlerImpls } from './table.js';

export const SAMPLE_CATALOG = 'catalog/sample-catalog.json';

export const setupHandlers = {
  'setup.status': (_input, ctx) => ({ needsSetup: staffCount(ctx.store.db) === 0, catalogLoaded: ctx.catalog !== null }),
  'setup.init': async (input, ctx) => {
    const { db } = ctx.store;
    if (staffCount(db) > 0) throw new DomainError('conflict', 'this terminal is already set up', undefined, 'already_set_up');
    const problem = passwordProblem(input.admin.password);
    if (problem) throw new DomainError('invalid_input', `the password needs ${problem}`, 'admin.password', 'password_weak');
    const insertAdmin = await prepareStaff(db, { ...input.admin, role: 'admin' });
    const sample = input.loadSampleCatalog ? parseCatalog(JSON.parse(readFileSync(resourcePath(SAMPLE_CATALOG), 'utf8')) as unknown) : null;
    if (sample && !sample.ok) throw new Error(`the shipped sample catalog is invalid: ${sample.errors[0]?.path} ${sample.errors[0]?.message}`);
    const staff = db.transaction(() => {
      if (staffCount(db) > 0) throw new DomainError('conflict', 'this terminal is already set up', undefined, 'already_set_up');
      const now = ctx.clock.nowIso();
      setSetting(db, 'terminal_code', input.terminalCode);
      setSetting(db, 'window_no', input.windowNo);
      setSetting(db, 'district', input.district);
      if (input.hall) setSetting(db, 'hall', input.hall);
      const admin = insertAdmin(now);
      appendAudit(db, ctx.clock, {
        actor: admin.login,
        action: 'setup.init',
        details: { terminalCode: input.terminalCode, windowNo: input.windowNo, district: input.district, hall: input.hall ?? null },
      });
      if (sample?.ok) {
        writeCatalog(db, sample.catalog, SAMPLE_CATALOG, now);
        appendAudit(db, ctx.clock, { actor: admin.login, action: 'catalog.import', details: { source: SAMPLE_CATALOG, items: sample.catalog.items.length } });
      }
      return admin;
    })();
    if (sample?.ok) ctx.catalog = loadCatalog(sample.catalog);
    ctx.events.emit('settings.changed', { key: 'terminal_code' });
    return { staff };
  },
} satisfies Partial<HandlerImpls>;
