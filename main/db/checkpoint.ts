import type { Database } from 'better-sqlite3';
import { isDiskFull } from './errors.js';
import type { StoreHealth } from './health.js';

/**
 * SQLite's automatic WAL checkpoint runs inside whichever commit crosses 1,000 pages, so one intake in
 * about sixty paid ~6 ms for it. The store turns it off (open.ts) and checkpoints here instead, between
 * requests: a PASSIVE checkpoint never waits for readers and never blocks a writer for long.
 */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * One timer tick. Never throws: a throw from a timer ends the process, and a full disk would then end
 * it again at every restart. A full disk marks the store read-only (health) until a checkpoint works
 * with room to spare; anything else is logged and tried again at the next tick.
 */
export function checkpointTick(db: Database, health: StoreHealth, log: (line: string) => void = console.warn): void {
  if (!db.open) return;
  try {
    checkpoint(db);
  } catch (err) {
    health.noteCheckpoint(false);
    if (isDiskFull(err)) {
      if (health.noteDiskFull()) log('[onewindow] the disk of the store is full: the app is read-only until there is room again');
    } else {
      log(`[onewindow] WAL checkpoint failed (tried again in a moment): ${(err as Error).message}`);
    }
    return;
  }
  if (health.noteCheckpoint(true)) log('[onewindow] the disk of the store has room again: the app is writable');
}

/** Checkpoints every `everyMs` while the store is open; returns the stop function. */
export function scheduleCheckpoints(db: Database, health: StoreHealth, everyMs = 2_000): () => void {
  const timer = setInterval(() => checkpointTick(db, health), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
