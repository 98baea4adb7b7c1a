import type { Database } from 'better-sqlite3';
import { silentLogger, type Logger } from '../../core/ports.js';
import type { BlobStore } from '../blobs/store.js';
import { referencedBlobs } from './batches.js';

/**
 * The orphan job. Files in the blob store that no row points at come from: a crash between a page's
 * fsync and its row's commit, a rotation (the previous rendition), a deleted page or a discarded
 * batch. The job runs `ORPHAN_FIRST_RUN_MS` after start and every `ORPHAN_INTERVAL_MS`; it removes such
 * files once they are older than `ORPHAN_MIN_AGE_MS` (so a page being stored right now, whose row is
 * about to commit, is never taken) and temp files a crash left mid-write after an hour.
 * It is journaled only through its result (logged); nothing a clerk made is lost by it.
 */
export const ORPHAN_FIRST_RUN_MS = 60_000;
export const ORPHAN_INTERVAL_MS = 6 * 60 * 60_000;
export const ORPHAN_MIN_AGE_MS = 60 * 60_000;

export function collectScanOrphans(db: Database, blobs: BlobStore, nowMs = Date.now()): { blobs: number; temps: number } {
  const keep = referencedBlobs(db);
  return blobs.collectOrphans((hash) => keep.has(hash), nowMs, ORPHAN_MIN_AGE_MS, ORPHAN_MIN_AGE_MS);
}

/** Schedules the job; returns a stop function (the app calls it on close). */
export function scheduleOrphanJob(db: Database, blobs: BlobStore, log: Logger = silentLogger): () => void {
  const run = (): void => {
    try {
      const r = collectScanOrphans(db, blobs);
      if (r.blobs + r.temps > 0) log.info({ orphans: r.blobs, temps: r.temps }, 'blob store: removed orphaned and stale temp files');
    } catch (err) {
      log.warn({ err }, 'blob store cleanup failed');
    }
  };
  const first = setTimeout(run, ORPHAN_FIRST_RUN_MS);
  const every = setInterval(run, ORPHAN_INTERVAL_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
