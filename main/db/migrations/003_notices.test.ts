import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 003 notices', () => {
  it('migrates a version-2 store holding a case, keeping it, and ties notices to cases', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
    db.prepare("INSERT INTO applicants (id, kind, id_type, id_number, name, data, created_at, updated_at) VALUES (1, 'person', 'resident_id', 'X', '王𠮷', '{}', 'n', 'n')").run();
    db.prepare(
      `INSERT INTO cases (id, case_no, intake_id, day, outcome, applicant_id, applicant_name, applicant_id_number, title, staff_id, received_at, decided_at, data)
       VALUES (1, 'T1-20261126-0001', 'i', '2026-11-26', 'accepted', 1, '王𠮷', 'X', '{}', 1, 'n', 'n', '{}')`,
    ).run();
    expect(migrate(db, migrations, 3)).toEqual([3]);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT applicant_name FROM cases').get()).toEqual({ applicant_name: '王𠮷' });
    const insert = db.prepare(
      "INSERT INTO notices (case_id, kind, document_no, print_no, layout, language, printer, printed_at, staff_id) VALUES (?, 'accepted', 'SL-1', ?, 'a4', 'zh-CN', 'PDF', 'n', 1)",
    );
    insert.run(1, 0);
    expect(() => insert.run(1, 0)).toThrow(/UNIQUE/);
    expect(() => insert.run(99, 1)).toThrow(/FOREIGN KEY/);
  });
});
