import { appendAudit } from '../db/audit.js';
import { backupStore, defaultBackupFile } from '../db/backup.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HandlerImpls } from './table.js';

export const storeHandlers = {
  'store.status': (_input, ctx) => ctx.store.health.status(),

  'store.backup': async ({ to }, ctx) => {
    const { db, file } = ctx.store;
    const target = to ?? defaultBackupFile(file, ctx.clock.nowIso());
    if (!to) mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    const result = await backupStore(db, file, target);
    appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'store.backup', details: { file: result.file, bytes: result.bytes, pages: result.pages } });
    return result;
  },
} satisfies Partial<HandlerImpls>;
