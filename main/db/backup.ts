import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DomainError } from '../../core/result.js';
import { syncDir } from '../blobs/store.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  /** PRAGMA quick_check of the copy: always 'ok' (a copy that fails it is removed and refused). */
  check: 'ok';
}

export interface BackupOptions {
  /** Pages copied per step; between steps the app keeps serving (default 100). The CLI copies in one go. */
  pagesPerStep?: number;
}

/** `<data>/backups/onewindow-20261126-093000.sqlite` (UTC), the default for the app's store.backup. */
export function defaultBackupFile(storeFile: string, nowIso: string): string {
  const stamp = nowIso.replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return join(dirname(storeFile), 'backups', `onewindow-${stamp}.sqlite`);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A consistent copy of a live store through SQLite's online backup API (better-sqlite3's db.backup):
 * it copies pages under a read transaction, starts again if another process writes meanwhile, and
 * follows this connection's own writes, so the copy is one moment of the store, never torn (a file copy
 * of the folder can be). The copy is made beside the target, switched to a single file (no -wal),
 * checked with quick_check, synced, and only then renamed into place, so `to` is either a whole,
 * checked backup or absent. Refuses to overwrite anything.
 */
export async function backupStore(db: Db, storeFile: string, to: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const target = resolve(to);
  if (target === resolve(storeFile) || target.startsWith(`${resolve(storeFile)}-`)) {
    throw new DomainError('invalid_input', 'the backup cannot be the store itself', 'to', 'backup_target_invalid');
  }
  if (existsSync(target)) throw new DomainError('conflict', `${target} exists already; choose another name`, 'to', 'backup_exists');
  if (!existsSync(dirname(target))) throw new DomainError('invalid_input', `the folder ${dirname(target)} does not exist`, 'to', 'backup_target_invalid');
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  rmSync(partial, { force: true });
  try {
    // better-sqlite3 clamps the rate to 0..2^31-1, and 0 would copy nothing per step, forever.
    const rate = Math.max(1, Math.min(0x7fffffff, opts.pagesPerStep ?? 100));
    const progress = await db.backup(partial, { progress: () => rate });
    const copy = new Database(partial);
    try {
      // One self-contained file: a backup must not depend on a -wal beside it.
      copy.pragma('journal_mode = DELETE');
      const verdict = copy.pragma('quick_check', { simple: true });
      if (verdict !== 'ok') throw new Error(`the copy failed quick_check: ${String(verdict)}`);
    } finally {
      copy.close();
    }
    // A backup holds every applicant's details: readable by this account only.
    chmodSync(partial, 0o600);
    fsyncPath(partial);
    renameSync(partial, target);
    syncDir(dirname(target));
    return { file: target, bytes: statSync(target).size, pages: progress.totalPages, check: 'ok' };
  } catch (err) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw err;
  }
}
