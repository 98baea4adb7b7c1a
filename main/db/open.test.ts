import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { StoreError } from './errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { openStore } from './open.js';

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectStoreError(fn: () => unknown, code: StoreError['code']): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    return err as StoreError;
  }
  throw new Error(`expected a StoreError ${code}`);
}

describe('openStore', () => {
  it('creates a new store in WAL mode with foreign keys on, at the newest schema version', () => {
    const file = join(tempDir(), 'nested', 'store.sqlite');
    const store = openStore(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    store.close();
  });

  it('reopens an existing store without migrating it again, keeping its data', () => {
    const file = join(tempDir(), 'store.sqlite');
    const a = openStore(file);
    a.db.prepare("INSERT INTO settings (key, value) VALUES ('terminal_code', 'T1')").run();
    a.close();
    const b = openStore(file);
    expect(b.db.prepare("SELECT value FROM settings WHERE key = 'terminal_code'").get()).toEqual({ value: 'T1' });
    b.close();
  });

  it('refuses a file that is not SQLite, names it, and leaves it byte for byte as it was', () => {
    const file = join(tempDir(), 'store.sqlite');
    writeFileSync(file, Buffer.from('this is not a database, just some text that got here somehow'.repeat(100)));
    const before = digest(file);
    const err = expectStoreError(() => openStore(file), 'store_corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/Move it aside/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a SQLite file whose pages are damaged after the header', () => {
    const file = join(tempDir(), 'store.sqlite');
    const s = openStore(file);
    s.db.pragma('journal_mode = DELETE'); // fold the WAL back in so the damage hits the real file
    s.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, bytes.length); // keep the 100-byte header, trash everything after it
    writeFileSync(file, bytes);
    const before = digest(file);
    expectStoreError(() => openStore(file), 'store_corrupt');
    expect(digest(file)).toBe(before);
  });

  it('refuses a store written by a newer version and does not touch it', () => {
    const file = join(tempDir(), 'store.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_table (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = digest(file);
    const err = expectStoreError(() => openStore(file), 'store_too_new');
    expect(err.message).toContain(file);
    expect(err.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(digest(file)).toBe(before);
  });

  it('treats an empty (0-byte) file as a new store', () => {
    const file = join(tempDir(), 'store.sqlite');
    writeFileSync(file, '');
    const s = openStore(file);
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    s.close();
  });
});
