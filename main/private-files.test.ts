import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/temp.js';
import { createAppContext, STORE_FILE_NAME } from './app-context.js';
import type { HandlerContext } from './handlers/context.js';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
/** Every file and folder under `root`, with its mode. */
const modes = (root: string): Record<string, string> =>
  Object.fromEntries(readdirSync(root, { recursive: true, withFileTypes: true }).map((d) => [join(d.parentPath, d.name).slice(root.length + 1), mode(join(d.parentPath, d.name))]));

const opened: HandlerContext[] = [];
const previousUmask = process.umask();
afterEach(() => {
  for (const ctx of opened.splice(0)) ctx.store.close();
  process.umask(previousUmask);
});

describe.skipIf(process.platform === 'win32')('the terminal’s files are its user’s alone (POSIX modes; Windows relies on the profile ACL)', () => {
  it('creates the data folder 0700, the store and its -wal/-shm 0600, blob folders 0700 and blobs 0600, whatever the umask', () => {
    process.umask(0o000);
    const dataDir = join(tempDir(), 'data');
    const ctx = createAppContext({ dataDir, defaults: { terminal_code: 'T1' } });
    opened.push(ctx);
    ctx.blobs.put(Buffer.from('a scanned page'));
    ctx.store.db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x')").run(); // the WAL is in use
    expect(mode(dataDir)).toBe('700');
    const all = modes(dataDir);
    expect(Object.keys(all)).toEqual(expect.arrayContaining([STORE_FILE_NAME, `${STORE_FILE_NAME}-wal`, `${STORE_FILE_NAME}-shm`, 'blobs', 'blobs/tmp']));
    for (const [path, m] of Object.entries(all)) {
      const isDir = statSync(join(dataDir, path)).isDirectory();
      expect([path, m]).toEqual([path, isDir ? '700' : '600']);
    }
  });

  it('tightens a store, its folder and its blobs left readable by an older version', () => {
    const dataDir = join(tempDir(), 'old');
    const first = createAppContext({ dataDir, defaults: { terminal_code: 'T1' } });
    first.store.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, STORE_FILE_NAME), 0o644);
    chmodSync(join(dataDir, 'blobs'), 0o755);
    writeFileSync(join(dataDir, `${STORE_FILE_NAME}-journal`), '', { mode: 0o644 });
    const again = createAppContext({ dataDir });
    opened.push(again);
    expect([mode(dataDir), mode(join(dataDir, STORE_FILE_NAME)), mode(join(dataDir, 'blobs')), mode(join(dataDir, `${STORE_FILE_NAME}-journal`))]).toEqual(['700', '600', '700', '600']);
  });
});
