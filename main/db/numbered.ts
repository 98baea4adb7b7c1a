import type { Database } from 'better-sqlite3';

/**
 * The transaction of a write that hands a person a numbered document (a 领取回执, a payment slip):
 * it must be on disk before the answer (ARCHITECTURE.md, "Durable answers"). The store helper's
 * `durable()` (main/db/durable.ts, synchronous=FULL around the commit) had not reached main when
 * delivery and fees were written; every such write goes through this one function so that switching
 * is one line: `return durable(db, fn)`. Until then it is an ordinary transaction at the store's
 * synchronous=NORMAL (in WAL: safe against a crash of the app, not against a power cut).
 */
export function numberedCommit<T>(db: Database, fn: () => T): T {
  return db.transaction(fn)();
}
