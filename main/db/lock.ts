import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { privateStoreFile } from '../private-files.js';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreError } from './errors.js';

export const LOCK_FILE_NAME = 'onewindow.lock';
/** Who holds the lock, for the message of the one refused: written by the holder once it has the lock. */
export const LOCK_HOLDER_FILE_NAME = 'onewindow.lock.json';

export interface LockHolder {
  pid: number;
  door: string;
  startedAt: string;
  host: string;
}

export interface DataFolderLock {
  release(): void;
}

export interface LockOptions {
  /** Which door opens the store ('electron', 'host', a tool's name): shown to the process refused. */
  door: string;
  /** Path to a better_sqlite3.node built for another runtime (as OpenStoreOptions). */
  nativeBinding?: string;
}

function readHolder(dir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE_NAME), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function describeHolder(h: LockHolder | null): string {
  if (!h) return 'another OneWindow process (it has not said which yet)';
  return `OneWindow process ${h.pid} (${h.door}, started ${h.startedAt}${h.host ? ` on ${h.host}` : ''})`;
}

/** Best effort: on a full disk the lock still holds, and the one refused is told less. */
function writeHolder(dir: string, holder: LockHolder): void {
  const temp = join(dir, `.${LOCK_HOLDER_FILE_NAME}.${process.pid}`);
  try {
    writeFileSync(temp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    renameSync(temp, join(dir, LOCK_HOLDER_FILE_NAME));
  } catch {
    rmSync(temp, { force: true });
  }
}

/**
 * One store, one process. Two processes on one data folder (the host's default folder is the desktop
 * app's) each run their own transactions and clocks on the same file: SQLite keeps the file whole, but
 * their writes meet as "database is locked" in the middle of intakes. So the folder is locked before the
 * store is opened, and a second process refuses to start, naming the one that holds it.
 *
 * The lock is an operating-system lock, held through SQLite's own file locking (POSIX advisory locks on
 * Linux and macOS, LockFileEx on Windows) on a small file of its own in exclusive locking mode: it is
 * released by the system the moment its process ends, however it ends, so a lock left by a crash is
 * simply free (no pid guessing, no stale-lock race). The holder's pid, door and start time go to a JSON
 * file beside it for the message; a dead holder's file is overwritten by the next one to take the lock.
 * The store itself is not opened exclusively, so IT's backup (`npm run backup`) can read it meanwhile.
 */
export function lockDataFolder(storeFile: string, opts: LockOptions): DataFolderLock {
  const dir = dirname(storeFile);
  const lockFile = join(dir, LOCK_FILE_NAME);
  let db: Db;
  try {
    // Private like the store (main/private-files.ts): SQLite would make it with the umask's mode.
    privateStoreFile(lockFile);
    db = new Database(lockFile, { timeout: 0, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (err) {
    throw new StoreError('store_unreadable', storeFile, `Cannot create the lock file ${lockFile} of the local store: ${(err as Error).message}`);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in exclusive locking mode takes the file's exclusive lock and keeps it until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); COMMIT');
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      throw new StoreError(
        'store_locked',
        storeFile,
        `The local store ${storeFile} is in use by ${describeHolder(readHolder(dir))}. ` +
          'Only one OneWindow (desktop app or host) may use a data folder at a time: use that one, or close it first. ' +
          'To run a second one for tests or a demo, give it its own folder (--data).',
      );
    }
    throw new StoreError('store_unreadable', storeFile, `Cannot lock the local store ${storeFile}: ${(err as Error).message}`);
  }
  const holder: LockHolder = { pid: process.pid, door: opts.door, startedAt: new Date().toISOString(), host: hostname() };
  writeHolder(dir, holder);
  return {
    release: () => {
      if (!db.open) return;
      if (readHolder(dir)?.pid === process.pid) rmSync(join(dir, LOCK_HOLDER_FILE_NAME), { force: true });
      db.close();
    },
  };
}
