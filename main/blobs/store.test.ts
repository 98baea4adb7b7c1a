import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { BlobStore } from './store.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const allFiles = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);

describe('content-addressed blob store', () => {
  it('stores bytes under their SHA-256 and reads them back', () => {
    const store = new BlobStore(tempDir());
    const bytes = Buffer.from('page one 王𠮷');
    const hash = store.put(bytes);
    expect(hash).toBe(sha(bytes));
    expect(store.pathOf(hash)).toBe(join(store.root, hash.slice(0, 2), hash));
    expect(store.get(hash).equals(bytes)).toBe(true);
  });

  it('stores the same page once', () => {
    const store = new BlobStore(tempDir());
    const a = store.put(Buffer.from('same'));
    const b = store.put(Buffer.from('same'));
    expect(a).toBe(b);
    expect(allFiles(store.root)).toEqual([a]);
  });

  it('leaves nothing behind when the disk fails mid-write (injected write error), and stores nothing', () => {
    const store = new BlobStore(tempDir(), {
      write: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    const bytes = Buffer.from('will not fit');
    expect(() => store.put(bytes)).toThrow(expect.objectContaining({ reason: 'disk_full' }));
    expect(store.has(sha(bytes))).toBe(false);
    expect(allFiles(store.root)).toEqual([]);
  });

  it('a really full disk (a 1 MB tmpfs, root only): disk_full, the smaller pages before it intact, no temp left', () => {
    const dir = tempDir();
    // CI and this machine run as root in a container that may mount tmpfs; a clear failure says so otherwise.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    try {
      const store = new BlobStore(dir);
      const small = randomBytes(200 * 1024);
      const hash = store.put(small);
      expect(() => store.put(randomBytes(2 * 1024 * 1024))).toThrow(expect.objectContaining({ reason: 'disk_full' }));
      expect(store.get(hash).equals(small)).toBe(true);
      expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('refuses a file damaged on disk instead of returning wrong bytes', () => {
    const store = new BlobStore(tempDir());
    const hash = store.put(Buffer.from('original'));
    writeFileSync(store.pathOf(hash), 'tampered');
    expect(() => store.get(hash)).toThrow(/damaged/);
  });

  it('refuses a name that is not a digest (no path tricks)', () => {
    const store = new BlobStore(tempDir());
    expect(() => store.pathOf('../../etc/passwd')).toThrow(RangeError);
  });

  it('collects files no row points at, and temp files left by a crash, keeping the rest', () => {
    const store = new BlobStore(tempDir());
    const keep = store.put(Buffer.from('kept'));
    const drop = store.put(Buffer.from('orphan'));
    const stale = join(store.root, 'tmp', 'left-by-crash');
    writeFileSync(stale, 'half');
    utimesSync(stale, new Date(0), new Date(0));
    const fresh = join(store.root, 'tmp', 'being-written');
    writeFileSync(fresh, 'now');
    expect(store.collectOrphans((h) => h === keep)).toEqual({ blobs: 1, temps: 1 });
    expect(store.has(keep)).toBe(true);
    expect(store.has(drop)).toBe(false);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
