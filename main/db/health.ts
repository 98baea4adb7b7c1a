import { statfsSync } from 'node:fs';

/**
 * Room the disk must have again before the store counts as writable after it filled up: enough for
 * the next checkpoint and a few intakes, so the banner does not flicker on and off at the edge.
 */
export const ROOM_AGAIN_BYTES = 1024 * 1024;

export interface StoreHealthStatus {
  /** false while the disk is full: reads work, writes are refused with disk_full. */
  writable: boolean;
  problem: 'disk_full' | null;
  /** When the problem was first seen (ISO). */
  since: string | null;
  /** Free bytes on the store's disk for this process, when the system says. */
  freeBytes: number | null;
  /** The last WAL checkpoint (checkpoint.ts), whether it worked. */
  lastCheckpoint: { at: string; ok: boolean } | null;
}

/**
 * What the app knows of its store's disk. Set to disk full by any write that ran out of room (a
 * handler's transaction, a blob, a checkpoint); cleared only by a checkpoint that worked with room
 * to spare, so the app runs read-only in between instead of failing at every turn.
 */
export class StoreHealth {
  private fullSince: string | null = null;
  private checkpointed: { at: string; ok: boolean } | null = null;

  constructor(private readonly dir: string) {}

  get diskFull(): boolean {
    return this.fullSince !== null;
  }

  /** Returns true when this is news (the disk was not known to be full), so the caller logs it once. */
  noteDiskFull(): boolean {
    if (this.fullSince !== null) return false;
    this.fullSince = new Date().toISOString();
    return true;
  }

  /** After each checkpoint attempt. Returns true when the store became writable again. */
  noteCheckpoint(ok: boolean): boolean {
    this.checkpointed = { at: new Date().toISOString(), ok };
    if (!ok || this.fullSince === null) return false;
    const free = this.freeBytes();
    if (free !== null && free < ROOM_AGAIN_BYTES) return false;
    this.fullSince = null;
    return true;
  }

  freeBytes(): number | null {
    try {
      const s = statfsSync(this.dir);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  }

  status(): StoreHealthStatus {
    return {
      writable: this.fullSince === null,
      problem: this.fullSince === null ? null : 'disk_full',
      since: this.fullSince,
      freeBytes: this.freeBytes(),
      lastCheckpoint: this.checkpointed,
    };
  }
}
