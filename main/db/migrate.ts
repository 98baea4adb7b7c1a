import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types.js';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws unless versions are exactly 1..n in order, so a mis-numbered file fails every test run. */
export function assertMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/**
 * Brings the database up to `target` (default: the newest) in ONE transaction, so a crash half-way
 * leaves the file at its old version, untouched. Returns the versions applied.
 */
export function migrate(db: Database, list: readonly Migration[], target = list.length): number[] {
  assertMigrationOrder(list);
  const from = schemaVersion(db);
  if (from > target) {
    throw new Error(`database is at version ${from}, newer than the target ${target}`);
  }
  const pending = list.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return pending.map((m) => m.version);
}
