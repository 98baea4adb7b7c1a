import type { Database } from 'better-sqlite3';
import type { Applicant } from '../../core/applicant/index.js';
import type { CasePlan } from '../../core/intake/plan.js';
import { stmt } from '../db/statements.js';

/**
 * The rows of a case, written inside the caller's transaction: by an intake at the counter
 * (intake.ts), and by a store recovering the cases it lost from the centre (main/sync/replay.ts).
 */

function identityOf(a: Applicant): { idType: string; idNumber: string; name: string; phone: string | null } {
  return a.kind === 'person'
    ? { idType: a.idType, idNumber: a.idNumber, name: a.name, phone: a.phone }
    : { idType: 'uscc', idNumber: a.uscc, name: a.name, phone: a.phone ?? null };
}

export function upsertApplicant(db: Database, a: Applicant, now: string): number {
  const id = identityOf(a);
  const row = stmt(
    db,
    `INSERT INTO applicants (kind, id_type, id_number, name, phone, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id_number, id_type) DO UPDATE SET name = excluded.name, phone = excluded.phone, data = excluded.data, updated_at = excluded.updated_at
     RETURNING id`,
  ).get(a.kind, id.idType, id.idNumber, id.name, id.phone, JSON.stringify(a), now, now) as { id: number };
  return row.id;
}

/** Takes the next number of the day inside the caller's transaction: it exists exactly when the case does. */
export function nextSeq(db: Database, day: string): number {
  const row = stmt(db, 'INSERT INTO case_counters (day, last_seq) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq').get(day) as { last_seq: number };
  return row.last_seq;
}

export function insertCase(db: Database, p: { caseNo: string; intakeId: string; day: string; plan: CasePlan; applicantId: number; applicant: Applicant; staffId: number; windowNo: string | null; now: string; data: unknown }): number {
  const { plan } = p;
  const id = identityOf(p.applicant);
  const info = stmt(
    db,
    `INSERT INTO cases (case_no, intake_id, day, outcome, with_gaps, applicant_id, applicant_name, applicant_id_number, bundle_code, title,
       staff_id, window_no, received_at, decided_at, due_date, deadline, fee_fen, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
      p.caseNo, p.intakeId, p.day, plan.outcome, plan.withGaps ? 1 : 0, p.applicantId, id.name, id.idNumber, plan.bundleCode ?? null,
      JSON.stringify(plan.title), p.staffId, p.windowNo, p.now, p.now, plan.dueDate ?? null, plan.deadline ?? null, plan.feeFen, JSON.stringify(p.data),
    );
  const caseId = Number(info.lastInsertRowid);
  const item = stmt(db, 'INSERT INTO case_items (case_id, pos, item_code) VALUES (?, ?, ?)');
  plan.itemCodes.forEach((code, pos) => item.run(caseId, pos, code));
  const material = stmt(
    db,
    `INSERT INTO case_materials (case_id, pos, entry_id, name, required, status, form, copies, pages, note, promised_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [pos, m] of plan.materials.entries()) {
    material.run(caseId, pos, m.entryId, m.name['zh-CN'], m.required ? 1 : 0, m.status, m.form ?? null, m.copies ?? null, m.pages ?? null, m.note ?? null, m.promisedDate ?? null);
  }
  return caseId;
}

/** Case numbers of `day` go on after `seq` (a number issued elsewhere: recovered from the centre). */
export function raiseCaseCounter(db: Database, day: string, seq: number): void {
  stmt(db, 'INSERT INTO case_counters (day, last_seq) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)').run(day, seq);
}
