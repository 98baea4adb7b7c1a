import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { StoreError } from './errors.js';
import { openStore } from './open.js';

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function refusal(file: string): StoreError {
  try {
    openStore(file).close();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error(`${file} was opened`);
}

/** Rows enough for many pages, in a table with an index (outbox), as a day of intakes would leave. */
function addCommands(db: ReturnType<typeof openStore>['db'], from: number, n: number): void {
  // Every command carries an id and a content hash (migration 7); the test only needs rows, so both are filler.
  const insert = db.prepare("INSERT INTO outbox (name, args, created_at, id, hash) VALUES ('acceptCase', ?, '2026-11-26T01:00:00Z', ?, ?)");
  db.transaction(() => {
    for (let i = from; i < from + n; i += 1) insert.run(JSON.stringify({ caseNo: `T1-20261126-${String(i).padStart(4, '0')}`, pad: 'x'.repeat(300 + (i % 7) * 50) }), randomUUID(), 'f'.repeat(64));
  })();
}

describe('opening a copy of a store', () => {
  it('refuses a torn copy (its first half from one moment, the rest from a later one) with store_corrupt naming the file, and leaves it as it is', () => {
    const dir = tempDir();
    const file = join(dir, 'onewindow.sqlite');
    const s = openStore(file);
    addCommands(s.db, 0, 600);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const early = readFileSync(file);
    // Later: half the commands sent (deleted), more cases in the freed pages, written back by the checkpoint.
    s.db.prepare('DELETE FROM outbox WHERE seq % 2 = 0').run();
    addCommands(s.db, 600, 600);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const late = readFileSync(file);
    s.close();
    // A copy tool read the file front to back while the checkpoint rewrote it.
    const half = Math.floor(early.length / 4096 / 2) * 4096;
    const torn = join(dir, 'copy.sqlite');
    writeFileSync(torn, Buffer.concat([early.subarray(0, half), late.subarray(half)]));
    const before = digest(torn);
    // SQLite itself opens it and even counts its rows: the damage shows only in some later query.
    const err = refusal(torn);
    expect(err.code).toBe('store_corrupt');
    expect(err.message).toContain(torn);
    expect(err.message).toMatch(/quick_check/);
    expect(digest(torn)).toBe(before);
    expect(existsSync(`${torn}-wal`)).toBe(false);
  });

  it('refuses a copy taken before the first checkpoint without its -wal (a header, no tables) instead of taking it for a new terminal', () => {
    const dir = tempDir();
    const file = join(dir, 'onewindow.sqlite');
    const live = openStore(file);
    try {
      live.db.prepare("INSERT INTO settings (key, value) VALUES ('terminal_code', 'T3101040007')").run();
      addCommands(live.db, 0, 20);
      // What a file backup of the folder takes while the app runs: the store file, not its -wal.
      const copy = join(tempDir(), 'onewindow.sqlite');
      copyFileSync(file, copy);
      const before = digest(copy);
      const err = refusal(copy);
      expect(err.code).toBe('store_corrupt');
      expect(err.message).toContain(copy);
      expect(err.message).toMatch(/no tables.*-wal/s);
      expect(digest(copy)).toBe(before);
      // With its -wal beside it, the same copy is the store it was.
      copyFileSync(`${file}-wal`, `${copy}-wal`);
      const whole = openStore(copy);
      expect(whole.db.prepare("SELECT value FROM settings WHERE key = 'terminal_code'").pluck().get()).toBe('T3101040007');
      whole.close();
    } finally {
      live.close();
    }
  });

  it('opens a good store that was closed cleanly (no -wal) and one whose -wal is still there after a crash', () => {
    const file = join(tempDir(), 'onewindow.sqlite');
    const a = openStore(file);
    addCommands(a.db, 0, 50);
    a.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const b = openStore(file);
    expect(b.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(50);
    b.close();
  });
});
