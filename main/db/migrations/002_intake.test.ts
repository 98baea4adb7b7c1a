import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 002 intake', () => {
  it('migrates a version-1 store holding staff, settings, journal and outbox, keeping all of it', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('terminal_code', 'T1')").run();
    db.prepare("INSERT INTO staff (login, display_name, role, password_hash, created_at) VALUES ('li', '李䶮', 'supervisor', 'h', 'now')").run();
    db.prepare("INSERT INTO audit_journal (seq, at, action, details, prev_hash, hash) VALUES (1, 'now', 'x', '{}', 'p', 'h')").run();
    db.prepare("INSERT INTO outbox (name, args, created_at) VALUES ('c', '{}', 'now')").run();

    expect(migrate(db, migrations, 2)).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT login, display_name, role, failed_sign_ins FROM staff').get()).toEqual({
      login: 'li',
      display_name: '李䶮',
      role: 'supervisor',
      failed_sign_ins: 0,
    });
    expect(db.prepare('SELECT count(*) AS n FROM audit_journal').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('keeps case numbers and intake ids unique, and cases tied to an applicant and a staff member', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
    db.prepare(
      "INSERT INTO applicants (id, kind, id_type, id_number, name, data, created_at, updated_at) VALUES (1, 'person', 'resident_id', '11010519491231002X', '王𠮷', '{}', 'now', 'now')",
    ).run();
    const insert = db.prepare(
      `INSERT INTO cases (case_no, intake_id, day, outcome, applicant_id, applicant_name, applicant_id_number, title, staff_id, received_at, decided_at, data)
       VALUES (?, ?, '2026-11-26', 'accepted', ?, '王𠮷', '11010519491231002X', 't', 1, 'now', 'now', '{}')`,
    );
    insert.run('T1-20261126-0001', 'a', 1);
    expect(() => insert.run('T1-20261126-0001', 'b', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('T1-20261126-0002', 'a', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('T1-20261126-0003', 'c', 99)).toThrow(/FOREIGN KEY/);
  });
});
