import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real small disk: a tmpfs of `size` mounted on dir (root only; CI and this machine run as root in a
 * container that may mount tmpfs, as main/blobs/store.test.ts does). Returns the unmount function.
 */
export function mountSmallDisk(dir: string, size = '4m'): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return () => execFileSync('umount', [dir]);
}

/** Writes a file until the disk says ENOSPC; returns its path (remove it to give the room back). */
export function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (let i = 0; i < 100_000; i += 1) writeSync(fd, chunk);
    throw new Error('the disk never filled');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return file;
}
