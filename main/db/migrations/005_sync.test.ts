import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 005 sync', () => {
  it('migrates a version-4 store with a case and queued commands, keeping the outbox and its seqs intact', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 4);
    db.prepare("INSERT INTO settings (key, value) VALUES ('terminal_code', 'T1')").run();
    db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
    db.prepare("INSERT INTO applicants (id, kind, id_type, id_number, name, data, created_at, updated_at) VALUES (1, 'person', 'resident_id', 'X', '王𠮷', '{}', 'n', 'n')").run();
    db.prepare(
      `INSERT INTO cases (id, case_no, intake_id, day, outcome, applicant_id, applicant_name, applicant_id_number, title, staff_id, received_at, decided_at, data)
       VALUES (1, 'T1-20261126-0001', 'i', '2026-11-26', 'accepted', 1, '王𠮷', 'X', '{}', 1, 'n', 'n', '{}')`,
    ).run();
    const queue = db.prepare('INSERT INTO outbox (name, args, created_at, blobs) VALUES (?, ?, ?, ?)');
    queue.run('acceptCase', '{"caseNo":"T1-20261126-0001"}', 'n', JSON.stringify(['a'.repeat(64)]));
    queue.run('printNotice', '{"caseNo":"T1-20261126-0001"}', 'n', '[]');
    queue.run('printNotice', '{"caseNo":"T1-20261126-0001"}', 'n', '[]');
    // The first command was sent and removed before the upgrade: seq 1 must never come back.
    db.prepare('DELETE FROM outbox WHERE seq = 1').run();

    expect(migrate(db, migrations, 5)).toEqual([5]);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT seq, name, blobs FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 2, name: 'printNotice', blobs: '[]' },
      { seq: 3, name: 'printNotice', blobs: '[]' },
    ]);
    expect(Number(db.prepare('INSERT INTO outbox (name, args, created_at) VALUES (?, ?, ?)').run('voidNotice', '{}', 'n').lastInsertRowid)).toBe(4);
    expect(db.prepare('SELECT case_no FROM cases').get()).toEqual({ case_no: 'T1-20261126-0001' });
    expect(db.prepare('SELECT count(*) AS n FROM sync_state').get()).toEqual({ n: 0 });
  });

  it('holds one sync state, known case statuses only, and one rejection per outbox seq', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 5);
    const state = db.prepare(
      "INSERT INTO sync_state (id, server_url, terminal_id, terminal_code, credential, seq_offset, enrolled_at) VALUES (?, 'http://c', 't', 'T1', 'ow1.x', 0, 'n')",
    );
    state.run(1);
    expect(() => state.run(2)).toThrow(/CHECK/);
    const status = db.prepare("INSERT INTO central_case_status (case_no, status, decision, at, by, change_seq) VALUES (?, ?, ?, 'n', 'office', 1)");
    status.run('T1-20261126-0001', 'decided', 'approved');
    expect(() => status.run('T1-20261126-0002', 'lost', null)).toThrow(/CHECK/);
    expect(() => status.run('T1-20261126-0003', 'decided', 'maybe')).toThrow(/CHECK/);
    const rejection = db.prepare("INSERT INTO sync_rejections (outbox_seq, terminal_id, seq, name, code, reason, at) VALUES (?, 't', 1, 'printNotice', 'case_unknown', 'r', 'n')");
    rejection.run(7);
    expect(() => rejection.run(7)).toThrow(/UNIQUE/);
  });
});
