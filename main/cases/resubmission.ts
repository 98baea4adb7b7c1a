import type { Database } from 'better-sqlite3';
import { checkResubmission } from '../../core/lifecycle/rules.js';
import type { Clock } from '../../core/ports.js';
import { DomainError } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import type { MaterialScan } from '../scanning/case-scans.js';

/**
 * 补正: an intake that answers a correction case. The original is found by number, checked (core's
 * checkResubmission), its scanned materials carried over to the new case for every material received
 * again without new pages, and closed as resubmitted in the intake's transaction.
 */
export interface Original {
  id: number;
  caseNo: string;
}

export function resubmissionTarget(db: Database, caseNo: string, applicant: { idType: string; idNumber: string }): Original {
  const row = stmt<{ id: number; case_no: string; outcome: string; id_type: string; id_number: string; resubmitted: number }>(
    db,
    `SELECT c.id, c.case_no, c.outcome, a.id_type, c.applicant_id_number AS id_number, EXISTS (SELECT 1 FROM resubmissions r WHERE r.original_case_id = c.id) AS resubmitted
       FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.case_no = ?`,
  ).get(caseNo.trim().toUpperCase());
  if (!row) throw new DomainError('not_found', `no case ${caseNo}`, 'resubmissionOf', 'case_unknown');
  checkResubmission({ caseNo: row.case_no, outcome: row.outcome, resubmitted: row.resubmitted === 1, idType: row.id_type, idNumber: row.id_number }, applicant);
  return { id: row.id, caseNo: row.case_no };
}

/** The original's material PDFs for materials received now without pages of their own in the new batch. */
export function carriedScans(db: Database, original: Original, received: readonly string[], scannedNow: ReadonlySet<string>): MaterialScan[] {
  const rows = stmt<{ entry_id: string; pdf_sha256: string; pages: number; bytes: number }>(db, 'SELECT entry_id, pdf_sha256, pages, bytes FROM case_scans WHERE case_id = ?').all(original.id);
  return rows
    .filter((r) => received.includes(r.entry_id) && !scannedNow.has(r.entry_id))
    .map((r) => ({ entryId: r.entry_id, pdf: r.pdf_sha256, bytes: r.bytes, pageCount: r.pages, pages: [] }));
}

/** Inside the intake's transaction: the carried PDFs become the new case's, and the original is closed. */
export function closeOriginal(db: Database, clock: Clock, p: { original: Original; carried: readonly MaterialScan[]; caseId: number; caseNo: string; actor: string }): void {
  if (stmt(db, 'SELECT 1 FROM resubmissions WHERE original_case_id = ?').get(p.original.id)) {
    throw new DomainError('conflict', `case ${p.original.caseNo} was resubmitted a moment ago`, 'resubmissionOf', 'resubmission_closed');
  }
  const insert = stmt(db, 'INSERT INTO case_scans (case_id, entry_id, pdf_sha256, pages, bytes) VALUES (?, ?, ?, ?, ?)');
  for (const m of p.carried) insert.run(p.caseId, m.entryId, m.pdf, m.pageCount, m.bytes);
  stmt(db, 'INSERT INTO resubmissions (original_case_id, case_id, at) VALUES (?, ?, ?)').run(p.original.id, p.caseId, clock.nowIso());
  appendAudit(db, clock, { actor: p.actor, action: 'case.resubmitted', subject: p.original.caseNo, details: { resubmittedAs: p.caseNo, carried: p.carried.map((m) => m.entryId) } });
}
