import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

function version6WithACase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations, 6);
  db.prepare("INSERT INTO staff (id, login, display_name, role, created_at) VALUES (1, 'wang', '王', 'clerk', 'now')").run();
  db.prepare("INSERT INTO applicants (id, kind, id_type, id_number, name, data, created_at, updated_at) VALUES (1, 'person', 'resident_id', 'X', '王𠮷', '{}', 'n', 'n')").run();
  db.prepare(
    `INSERT INTO cases (id, case_no, intake_id, day, outcome, applicant_id, applicant_name, applicant_id_number, title, staff_id, received_at, decided_at, fee_fen, data)
     VALUES (1, 'T1-20261126-0001', 'i', '2026-11-26', 'accepted', 1, '王𠮷', 'X', '{}', 1, 'n', 'n', 2000, '{}')`,
  ).run();
  db.prepare("INSERT INTO case_materials (case_id, pos, entry_id, name, required, status, promised_date) VALUES (1, 0, 'lease', '租赁合同', 1, 'missing', '2026-12-01')").run();
  db.prepare("INSERT INTO central_case_status (case_no, status, at, by, change_seq) VALUES ('T1-20261126-0001', 'ready_for_delivery', '2026-11-30T01:00:00Z', 'office', 3)").run();
  return db;
}

describe('migration 007 after intake', () => {
  it('migrates a version-6 store with a case and its centre status, keeping both', () => {
    const db = version6WithACase();
    expect(migrate(db, migrations, 7)).toEqual([7]);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT case_no, status, history, hall_case, delivery FROM central_case_status').get()).toEqual({ case_no: 'T1-20261126-0001', status: 'ready_for_delivery', history: null, hall_case: null, delivery: null });
    expect(db.prepare('SELECT fee_fen FROM cases').get()).toEqual({ fee_fen: 2000 });
    // The promised-material index serves the 容缺 lists.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT entry_id FROM case_materials WHERE status = 'missing' AND promised_date IS NOT NULL AND promised_date < '2026-12-02'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('case_materials_promised');
  });

  it('holds one delivery per case, amounts in whole fen within bounds, and the sign-offs a refund, waiver or override needs', () => {
    const db = version6WithACase();
    migrate(db, migrations, 7);
    const delivery = db.prepare(
      `INSERT INTO deliveries (case_no, case_id, delivery_id, document_no, relation, collector_name, id_matches, override_by, power_of_attorney, handed_over, delivered_at, day, staff_id)
       VALUES ('T1-20261126-0001', 1, ?, ?, ?, '王𠮷', ?, ?, ?, '[]', 'n', '2026-11-30', 1)`,
    );
    expect(() => delivery.run('d0', 'LQ-0', 'self', 0, null, null)).toThrow(/CHECK/);
    expect(() => delivery.run('d0', 'LQ-0', 'agent', 1, null, null)).toThrow(/CHECK/);
    delivery.run('d1', 'LQ-1', 'self', 1, null, null);
    expect(() => delivery.run('d2', 'LQ-2', 'self', 1, null, null)).toThrow(/UNIQUE/);

    const fee = db.prepare(
      `INSERT INTO fee_entries (entry_no, case_no, case_id, kind, method, amount_fen, refund_of, supervisor, reason, at, day, staff_id)
       VALUES (?, 'T1-20261126-0001', 1, ?, ?, ?, ?, ?, ?, 'n', '2026-11-30', 1)`,
    );
    fee.run('SF-1', 'payment', 'cash', 2000, null, null, null);
    for (const bad of [0, -1, 100_000_001, 12.5]) expect(() => fee.run(`SF-x${bad}`, 'payment', 'cash', bad, null, null, null), String(bad)).toThrow(/CHECK|cannot store REAL/);
    expect(() => fee.run('SF-2', 'refund', 'cash', 500, 'SF-1', null, null)).toThrow(/CHECK/);
    expect(() => fee.run('SF-2', 'refund', 'cash', 500, 'SF-9', 'li', '多收')).toThrow(/FOREIGN KEY/);
    fee.run('SF-2', 'refund', 'cash', 500, 'SF-1', 'li', '多收');
    expect(() => fee.run('SF-3', 'waiver', 'cash', 500, null, 'li', '困难减免')).toThrow(/CHECK/);
    fee.run('SF-3', 'waiver', null, 500, null, 'li', '困难减免');
    expect(db.prepare('SELECT count(*) AS n FROM fee_entries').get()).toEqual({ n: 3 });

    const promise = db.prepare("INSERT INTO promise_records (case_id, entry_id, state, record_id, reason, at, staff_id) VALUES (1, 'lease', ?, ?, ?, 'n', 1)");
    expect(() => promise.run('failed', 'r1', null)).toThrow(/CHECK/);
    promise.run('received', 'r1', null);
    expect(() => promise.run('failed', 'r2', '逾期未补')).toThrow(/UNIQUE/);
  });
});
