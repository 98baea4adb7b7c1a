import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commandHash } from '../../../sync/protocol/index.js';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 007 recovery', () => {
  it('gives every queued command an id and its content hash, and refuses one without them from then on', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 6);
    const queue = db.prepare('INSERT INTO outbox (name, args, created_at) VALUES (?, ?, ?)');
    queue.run('printNotice', '{"printNo":0,"caseNo":"T1-20261126-0001"}', 'n');
    queue.run('printNotice', '{"caseNo":"T1-20261126-0001","printNo":1}', 'n');
    expect(migrate(db, migrations, 7)).toEqual([7]);
    expect(schemaVersion(db)).toBe(7);
    const rows = db.prepare('SELECT seq, id, hash FROM outbox ORDER BY seq').all() as { seq: number; id: string; hash: string }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    for (const r of rows) expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    // The hash is of the content, whatever order its keys were written in.
    expect(rows[0]!.hash).toBe(commandHash('printNotice', { caseNo: 'T1-20261126-0001', printNo: 0 }));
    expect(rows[1]!.hash).toBe(commandHash('printNotice', { printNo: 1, caseNo: 'T1-20261126-0001' }));
    expect(() => queue.run('printNotice', '{}', 'n')).toThrow(/id and hash/);
    expect(() => db.prepare('INSERT INTO outbox (name, args, created_at, id, hash) VALUES (?, ?, ?, ?, ?)').run('x', '{}', 'n', rows[0]!.id, 'h')).toThrow(/UNIQUE/);
  });
});
