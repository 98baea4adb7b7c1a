import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 006 document numbers', () => {
  it('migrates a version-5 store with a case: the case keeps its row with no 文号, and 文号 are unique from then on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 5);
    db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
    db.prepare("INSERT INTO applicants (id, kind, id_type, id_number, name, data, created_at, updated_at) VALUES (1, 'person', 'resident_id', 'X', '王𠮷', '{}', 'n', 'n')").run();
    const insert = db.prepare(
      `INSERT INTO cases (case_no, intake_id, day, outcome, applicant_id, applicant_name, applicant_id_number, title, staff_id, received_at, decided_at, data)
       VALUES (?, ?, '2026-11-26', 'accepted', 1, '王𠮷', 'X', '{}', 1, 'n', 'n', '{}')`,
    );
    insert.run('T1-20261126-0001', 'i1');
    expect(migrate(db, migrations, 6)).toEqual([6]);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT case_no, document_no FROM cases').all()).toEqual([{ case_no: 'T1-20261126-0001', document_no: null }]);
    insert.run('T1-20261126-0002', 'i2');
    const setNo = db.prepare('UPDATE cases SET document_no = ? WHERE case_no = ?');
    setNo.run('黄市监受〔2026〕T1-0001号', 'T1-20261126-0002');
    insert.run('T1-20261126-0003', 'i3');
    expect(() => setNo.run('黄市监受〔2026〕T1-0001号', 'T1-20261126-0003')).toThrow(/UNIQUE/);
    const next = db.prepare('INSERT INTO document_counters (issuer, year, last_seq) VALUES (?, ?, 1) ON CONFLICT (issuer, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq');
    expect([next.get('department:hp_samr', 2026), next.get('department:hp_samr', 2026), next.get('department:hp_samr', 2027)]).toEqual([{ last_seq: 1 }, { last_seq: 2 }, { last_seq: 1 }]);
  });
});
