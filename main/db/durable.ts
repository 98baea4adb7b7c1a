import type { Database } from 'better-sqlite3';

/**
 * The store's everyday safety level (open.ts): in WAL mode a NORMAL commit is atomic and survives a
 * crash of the app, but its frames reach the disk only at the next checkpoint (up to ~2 s later,
 * checkpoint.ts), so a power cut can undo it.
 */
export const BASE_SYNCHRONOUS = 'NORMAL';

type Level = 'FULL' | 'NORMAL';
const levels = new WeakMap<Database, Level>();

/**
 * Runs `fn` as one write transaction that is on the disk before `durable` returns: SQLite syncs the WAL
 * at this commit (synchronous=FULL). For every transaction that hands a person a numbered document
 * (intake, print, void; later delivery and payment): once the counter has said or printed the number,
 * a power cut must not take it back. SQLite refuses to change the level inside a transaction, so it is
 * set around it; a durable call inside an already durable transaction simply joins it.
 */
export function durable<T>(db: Database, fn: () => T): T {
  const level = levels.get(db) ?? 'FULL';
  if (db.inTransaction) {
    if (db.pragma('synchronous', { simple: true }) !== 2 && level === 'FULL') {
      throw new Error('durable() inside a transaction that is not durable: its commit would not be synced');
    }
    return fn();
  }
  db.pragma(`synchronous = ${level}`);
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma(`synchronous = ${BASE_SYNCHRONOUS}`);
  }
}

/** Benchmarks only: what durable commits cost is measured against the same intakes committed at NORMAL. */
export function setDurableLevelForBench(db: Database, level: Level): void {
  levels.set(db, level);
}
