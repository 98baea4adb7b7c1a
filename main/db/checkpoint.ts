import type { Database } from 'better-sqlite3';

/**
 * SQLite's automatic WAL checkpoint runs inside whichever commit crosses 1,000 pages, so one intake in
 * about sixty paid ~6 ms for it. The store turns it off (open.ts) and checkpoints here instead, between
 * requests: a PASSIVE checkpoint never waits for readers and never blocks a writer for long.
 */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** Checkpoints every `everyMs` while the store is open; returns the stop function. */
export function scheduleCheckpoints(db: Database, everyMs = 2_000): () => void {
  const timer = setInterval(() => {
    if (db.open) checkpoint(db);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
