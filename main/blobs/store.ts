import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '../../core/result.js';
import { PRIVATE_FILE_MODE, privateDir } from '../private-files.js';

/**
 * Content-addressed files: a page's bytes are stored under their SHA-256, in `<root>/<ab>/<abcdef…>`.
 * A write goes to a temp file, is fsynced, renamed into place and the folder fsynced, so once `put`
 * returns the file survives a crash; only then may the row that points at it commit. The same bytes
 * stored twice are one file. Files no row points at are removed by `collectOrphans`.
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface BlobStoreIo {
  /** Writes all of `data` to the open file; injectable so tests can make the disk fail. */
  write(fd: number, data: Uint8Array): void;
}

const realIo: BlobStoreIo = {
  write(fd, data) {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
  },
};

export class BlobStore {
  constructor(
    readonly root: string,
    private readonly io: BlobStoreIo = realIo,
  ) {
    // Scanned documents: the folders are the user's alone (0700), and so is every file (0600).
    privateDir(root);
    privateDir(join(root, 'tmp'));
  }

  pathOf(hash: string): string {
    if (!SHA256_HEX.test(hash)) throw new RangeError(`not a SHA-256 hex digest: ${hash}`);
    return join(this.root, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    try {
      return statSync(this.pathOf(hash)).isFile();
    } catch {
      return false;
    }
  }

  /** Stores the bytes durably and returns their SHA-256; nothing is left behind if the write fails. */
  put(bytes: Uint8Array): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(hash);
    if (this.has(hash)) {
      // Fresh again: the orphan job spares young files, and a row is about to point at this one.
      const now = new Date();
      utimesSync(target, now, now);
      return hash;
    }
    const tmp = join(this.root, 'tmp', `${hash}.${randomBytes(6).toString('hex')}`);
    let fd: number | null = openSync(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
      this.io.write(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      privateDir(dirname(target));
      renameSync(tmp, target);
      syncDir(dirname(target));
    } catch (err) {
      if (fd !== null) closeSync(fd);
      rmSync(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new DomainError('unavailable', `the disk holding ${this.root} is full; nothing was stored. Free space (or ask IT) and try again.`, undefined, 'disk_full');
      }
      throw err;
    }
    return hash;
  }

  /** The bytes, checked against their name: a damaged file is an error, never silently wrong data. */
  get(hash: string): Buffer {
    const bytes = readFileSync(this.pathOf(hash));
    if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new Error(`blob ${hash} is damaged on disk`);
    return bytes;
  }

  /**
   * Removes stored files whose hash `isReferenced` denies (once older than `blobMinAgeMs`), and temp
   * files older than `tmpMaxAgeMs` (left by a crash mid-write). Returns what it removed.
   */
  collectOrphans(isReferenced: (hash: string) => boolean, nowMs = Date.now(), tmpMaxAgeMs = 60 * 60_000, blobMinAgeMs = 0): { blobs: number; temps: number } {
    let blobs = 0;
    let temps = 0;
    for (const dir of readdirSync(this.root)) {
      if (dir === 'tmp') {
        for (const f of readdirSync(join(this.root, 'tmp'))) {
          const p = join(this.root, 'tmp', f);
          if (nowMs - statSync(p).mtimeMs > tmpMaxAgeMs) {
            rmSync(p, { force: true });
            temps += 1;
          }
        }
        continue;
      }
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const f of readdirSync(join(this.root, dir))) {
        if (!SHA256_HEX.test(f) || isReferenced(f)) continue;
        const p = join(this.root, dir, f);
        // A file younger than blobMinAgeMs may belong to a row that is about to commit.
        if (blobMinAgeMs === 0 || nowMs - statSync(p).mtimeMs > blobMinAgeMs) {
          rmSync(p, { force: true });
          blobs += 1;
        }
      }
    }
    return { blobs, temps };
  }
}

export function syncDir(dir: string): void {
  // A rename is durable only once its folder is; Windows cannot open folders, where NTFS journals it.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
