import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 004 scans', () => {
  it('migrates a version-3 store with a queued command, keeping it (no blobs), and ties pages to batches', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 3);
    db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
    db.prepare("INSERT INTO outbox (name, args, created_at) VALUES ('acceptCase', '{\"caseNo\":\"T1\"}', 'n')").run();
    expect(migrate(db, migrations, 4)).toEqual([4]);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT name, args, blobs FROM outbox').get()).toEqual({ name: 'acceptCase', args: '{"caseNo":"T1"}', blobs: '[]' });
    db.prepare("INSERT INTO scan_batches (intake_id, staff_id, created_at, updated_at) VALUES ('b1', 1, 'n', 'n')").run();
    const page = db.prepare(
      `INSERT INTO scan_pages (intake_id, pos, original_sha256, sha256, thumb_sha256, width, height, dpi, bytes, source, blank, excluded, rotation, created_at)
       VALUES (?, 0, 'a', 'a', 't', 10, 10, 300, 5, 'sane', 0, 0, ?, 'n')`,
    );
    page.run('b1', 90);
    expect(() => page.run('nope', 0)).toThrow(/FOREIGN KEY/);
    expect(() => page.run('b1', 45)).toThrow(/CHECK/);
  });
});
