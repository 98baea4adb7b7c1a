import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../main/db/open.js';
import { acceptInput, ADMIN, CLERK, person, RESIDENCE_PERMIT, signedInTerminal } from './support/intake.js';
import { startStoreHost, type StoreHost } from './support/store-host.js';
import { tempDir } from './support/temp.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');

const caseNumbers = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT case_no FROM cases ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

const running: StoreHost[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.kill();
});

describe('online backup of the store (SQLite backup API)', () => {
  it('store.backup (admin): a whole, checked, single-file copy taken between intakes, that opens as the store; clerks are refused; no overwrite', async () => {
    const t = await signedInTerminal();
    const accepted: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await t.call('cases.accept', await acceptInput(t.call));
      if (r.ok) accepted.push(r.value.caseNo);
    }
    expect(await t.call('store.backup', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const to = join(tempDir(), 'backup.sqlite');
    // Writes go on while the copy runs (it yields between steps of 100 pages): it is one moment all the same.
    const [backup, during] = await Promise.all([
      t.call('store.backup', { to }),
      (async () => {
        await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
        return t.call('settings.setLanguage', { language: 'en' });
      })(),
    ]);
    expect(during.ok).toBe(true);
    expect(backup).toMatchObject({ ok: true, value: { file: to, check: 'ok' } });
    expect(existsSync(`${to}-wal`)).toBe(false);
    expect(caseNumbers(to)).toEqual(accepted);
    const restored = openStore(to);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    expect(await t.call('store.backup', { to })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'backup_exists' } });
    const byDefault = await t.call('store.backup', {});
    expect(byDefault.ok && byDefault.value.file.startsWith(join(t.ctx.dataDir, 'backups', 'onewindow-'))).toBe(true);
    expect(readdirSync(join(t.ctx.dataDir, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
    t.ctx.store.close();
  }, 30_000);

  it('npm run backup -- --data DIR --to FILE works beside the running app (which holds the lock) while it takes intakes', async () => {
    const dataDir = tempDir('onewindow-backup-');
    const started = await startStoreHost(dataDir);
    if ('refused' in started) throw new Error(started.refused.stderr);
    const host = started.host;
    running.push(host);
    const must = async <T,>(p: Promise<{ ok: boolean; value?: T; error?: { message: string } }>): Promise<T> => {
      const r = await p;
      if (!r.ok) throw new Error(r.error?.message);
      return r.value as T;
    };
    await must(host.call('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true }));
    await must(host.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password }));
    await must(host.call('staff.create', CLERK));
    await must(host.call('auth.signIn', { login: CLERK.login, password: CLERK.password }));
    const checklist = await must<{ entries: { id: string; form: 'original' | 'copy' | 'original_and_copy'; copies: number }[] }>(host.call('catalog.checklist', { target: { itemCodes: [RESIDENCE_PERMIT] } }));
    const intake = () =>
      must<{ caseNo: string }>(host.call('cases.accept', {
        intakeId: randomUUID(),
        applicant: person(),
        target: { itemCodes: [RESIDENCE_PERMIT] },
        materials: checklist.entries.map((e) => ({ entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 2 })),
      }));
    const before: string[] = [];
    for (let i = 0; i < 10; i += 1) before.push((await intake()).caseNo);

    const to = join(tempDir(), 'it-backup.sqlite');
    let stop = false;
    const during: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < 200 && !stop; i += 1) during.push((await intake()).caseNo);
    })();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--data', dataDir, '--to', to], { cwd: root, timeout: 30_000 });
    stop = true;
    await writer;
    expect(stdout).toMatch(/quick_check ok/);
    const copied = caseNumbers(to);
    // One moment of the store: every case before the backup, then a prefix of those made during it.
    expect(copied.slice(0, before.length)).toEqual(before);
    expect(copied.slice(before.length)).toEqual(during.slice(0, copied.length - before.length));
    const restored = openStore(to);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    expect(host.alive()).toBe(true);
  }, 60_000);
});
