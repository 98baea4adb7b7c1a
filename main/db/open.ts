import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { scheduleCheckpoints } from './checkpoint.js';
import { BASE_SYNCHRONOUS } from './durable.js';
import { isDiskFull, StoreError } from './errors.js';
import { StoreHealth } from './health.js';
import { checkIntegrity } from './integrity.js';
import { lockDataFolder, type LockOptions } from './lock.js';
import { migrate, schemaVersion } from './migrate.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export interface Store {
  db: Db;
  file: string;
  schemaVersion: number;
  /** Disk full or not (the app runs read-only while it is); what store.status reports. */
  health: StoreHealth;
  /** Checkpoints and closes; never throws (a full disk leaves the WAL for the next start). */
  close(): void;
}

export interface OpenStoreOptions {
  migrations?: readonly Migration[];
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI in `npm start`). */
  nativeBinding?: string;
  /** Lock the data folder first (the app does; tools and tests that only look at a file do not): lock.ts. */
  lock?: Omit<LockOptions, 'nativeBinding'>;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function corrupt(file: string, detail: string): StoreError {
  return new StoreError(
    'store_corrupt',
    file,
    `The local store ${file} is not a readable OneWindow database (${detail}). ` +
      'It has been left exactly as it is. Move it aside (keep it for IT: cases in it may not have reached ' +
      'the central service yet) and start again to create a new store, or restore it from a backup.',
  );
}

function isSqliteDamage(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Opens (creating if needed) the terminal's store and brings its schema up to date. Refuses, without
 * writing a byte, a file that is not SQLite or that a newer version of the app has written.
 */
export function openStore(file: string, opts: OpenStoreOptions = {}): Store {
  if (!opts.lock) return openUnlocked(file, opts);
  mkdirSync(dirname(file), { recursive: true });
  const lock = lockDataFolder(file, { ...opts.lock, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  let store: Store;
  try {
    store = openUnlocked(file, opts);
  } catch (err) {
    lock.release();
    throw err;
  }
  const close = store.close;
  return {
    ...store,
    close: () => {
      close();
      lock.release();
    },
  };
}

function openUnlocked(file: string, opts: OpenStoreOptions): Store {
  const list = opts.migrations ?? allMigrations;
  const existed = existsSync(file) && statSync(file).size > 0;
  const walExisted = existsSync(`${file}-wal`);
  if (existsSync(file)) {
    if (statSync(file).size > 0 && !hasSqliteHeader(file)) throw corrupt(file, 'no SQLite header');
  } else {
    mkdirSync(dirname(file), { recursive: true });
  }

  let db: Db;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    if (isSqliteDamage(err)) throw corrupt(file, String((err as Error).message));
    throw unreadable(file, err);
  }

  try {
    const found = schemaVersion(db);
    if (found > list.length) {
      throw new StoreError(
        'store_too_new',
        file,
        `The local store ${file} has schema version ${found}, but this version of OneWindow knows only up to ` +
          `${list.length}. It was written by a newer OneWindow and has been left untouched. Install that newer ` +
          'version again (ask IT), or open this file with it; do not downgrade.',
      );
    }
    if (existed) checkIntegrity(db, file, { walExisted });
    setPragmas(db);
    migrate(db, list);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    if (isSqliteDamage(err)) throw corrupt(file, String((err as Error).message));
    if (isDiskFull(err)) throw unreadable(file, err);
    throw err;
  }

  const health = new StoreHealth(dirname(file));
  const stopCheckpoints = scheduleCheckpoints(db, health);
  return {
    db,
    file,
    schemaVersion: schemaVersion(db),
    health,
    close: () => {
      stopCheckpoints();
      closeQuietly(db);
    },
  };
}

function setPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL between calls; what hands out a numbered document commits at FULL (durable.ts).
  db.pragma(`synchronous = ${BASE_SYNCHRONOUS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints run between requests (checkpoint.ts), not inside an unlucky commit.
  db.pragma('wal_autocheckpoint = 0');
}

/** A full disk (or any I/O trouble) at the last checkpoint must not keep the file open or end the app. */
function closeQuietly(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // The WAL stays beside the store; SQLite folds it in at the next start.
  }
  db.close();
}

function unreadable(file: string, err: unknown): StoreError {
  if (isDiskFull(err)) {
    return new StoreError(
      'disk_full',
      file,
      `The disk holding the local store ${file} is full, so the store cannot be opened. Nothing in it was changed. ` +
        'Free space on that disk (or ask IT), then start OneWindow again.',
    );
  }
  return new StoreError('store_unreadable', file, `Cannot open the local store ${file}: ${(err as Error).message}`);
}
