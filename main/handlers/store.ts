import { appendAudit } from '../db/audit.js';
import { backupStore, defaultBackupFile } from '../db/backup.js';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { DomainError } from '../../core/result.js';
import type { HandlerImpls } from './table.js';

export const storeHandlers = {
  'store.status': (_input, ctx) => ctx.store.health.status(),

  'store.backup': async ({ to }, ctx) => {
    const { db, file } = ctx.store;
    // A relative name would land in whatever folder the process started in (a test run's checkout, the
    // desktop app's install folder): only an absolute path says where the backup goes.
    if (to !== undefined && !isAbsolute(to)) throw new DomainError('invalid_input', 'the backup target must be an absolute path', 'to', 'backup_target_invalid');
    const target = to ?? defaultBackupFile(file, ctx.clock.nowIso());
    if (!to) mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    const result = await backupStore(db, file, target);
    appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'store.backup', details: { file: result.file, bytes: result.bytes, pages: result.pages } });
    return result;
  },
} satisfies Partial<HandlerImpls>;
