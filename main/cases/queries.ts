import { caseScanCounts } from '../scanning/case-scans.js';
import type { Database } from 'better-sqlite3';
import { normalizeDocumentNumber } from '../../core/applicant/index.js';
import type { HandlerResult } from '../../core/api/contract.js';
import type { Localized } from '../../core/catalog/schema.js';
import { auditEntriesFor } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { caseTimeline } from './timeline.js';

export type CaseSummary = HandlerResult<'cases.list'>[number];
export type CaseDetail = HandlerResult<'cases.get'>;

interface CaseRow {
  id: number;
  case_no: string;
  outcome: CaseSummary['outcome'];
  with_gaps: number;
  title: string;
  applicant_name: string;
  applicant_id_number: string;
  received_at: string;
  due_date: string | null;
  deadline: string | null;
  fee_fen: number;
  central_status: NonNullable<CaseSummary['central']>['status'] | null;
  central_decision: NonNullable<CaseSummary['central']>['decision'];
  central_note: string | null;
  central_at: string | null;
}

/**
 * The summary's columns, from `cases c` joined (LEFT: the centre may not have said anything yet) to
 * the back office's latest status of the case, pulled by sync (SUMMARY_FROM).
 */
const SUMMARY_COLUMNS =
  'c.id, c.case_no, c.outcome, c.with_gaps, c.title, c.applicant_name, c.applicant_id_number, c.received_at, c.due_date, c.deadline, c.fee_fen, ' +
  'cs.status AS central_status, cs.decision AS central_decision, cs.note AS central_note, cs.at AS central_at';
const SUMMARY_FROM = 'cases c LEFT JOIN central_case_status cs ON cs.case_no = c.case_no';

function toSummary(r: CaseRow): CaseSummary {
  return {
    caseNo: r.case_no,
    outcome: r.outcome,
    withGaps: r.with_gaps === 1,
    title: JSON.parse(r.title) as Localized,
    applicantName: r.applicant_name,
    applicantIdNumber: r.applicant_id_number,
    receivedAt: r.received_at,
    dueDate: r.due_date,
    deadline: r.deadline,
    feeFen: r.fee_fen,
    central: r.central_status === null ? null : { status: r.central_status, decision: r.central_decision, note: r.central_note, at: r.central_at ?? '' },
  };
}

export function caseSummary(db: Database, caseNo: string): CaseSummary | null {
  const row = stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.case_no = ?`).get(caseNo) as CaseRow | undefined;
  return row ? toSummary(row) : null;
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A day's cases, newest first; the query matches case number, applicant name or ID number. */
export function listCases(db: Database, day: string, query?: string, outcome?: string): CaseSummary[] {
  const where = ['c.day = @day'];
  if (outcome) where.push('c.outcome = @outcome');
  if (query) where.push("(c.case_no LIKE @prefix ESCAPE '\\' OR c.applicant_id_number LIKE @prefix ESCAPE '\\' OR c.applicant_name LIKE @contains ESCAPE '\\')");
  const q = query?.trim() ?? '';
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT 500`)
    .all({ day, outcome: outcome ?? null, prefix: `${likeEscape(q.toUpperCase())}%`, contains: `%${likeEscape(q)}%` }) as CaseRow[];
  return rows.map(toSummary);
}

/** Any day's cases by exact case number or applicant ID number: both indexed, for a million cases. */
/** By exact case number (as typed, case-insensitive) or by ID number (normalized: separators and full-width gone). */
export function findCases(db: Database, query: string): CaseSummary[] {
  const caseNo = query.trim().toUpperCase();
  const idNumber = normalizeDocumentNumber(query);
  const rows = stmt(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.case_no = @caseNo
     UNION SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE c.applicant_id_number = @idNumber
     ORDER BY id DESC LIMIT 200`,
  ).all({ caseNo, idNumber }) as CaseRow[];
  return rows.map(toSummary);
}

export function caseDetail(db: Database, caseNo: string): CaseDetail | null {
  const row = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, c.bundle_code, c.window_no, c.data, s.display_name AS staff_name, a.data AS applicant_data,
         cs.by AS central_by, cs.result_document AS central_result_document
       FROM ${SUMMARY_FROM} JOIN staff s ON s.id = c.staff_id JOIN applicants a ON a.id = c.applicant_id WHERE c.case_no = ?`,
    )
    .get(caseNo) as
    | (CaseRow & { staff_name: string; applicant_data: string; bundle_code: string | null; window_no: string | null; data: string; central_by: string | null; central_result_document: string | null })
    | undefined;
  if (!row) return null;
  const snapshot = JSON.parse(row.data) as { applicant?: Record<string, unknown>; rejectReason?: string | null; competentAuthority?: string | null };
  const items = db.prepare('SELECT item_code FROM case_items WHERE case_id = ? ORDER BY pos').all(row.id) as { item_code: string }[];
  const materials = db.prepare('SELECT * FROM case_materials WHERE case_id = ? ORDER BY pos').all(row.id) as {
    entry_id: string; name: string; required: number; status: CaseDetail['materials'][number]['status']; form: string | null;
    copies: number | null; pages: number | null; note: string | null; promised_date: string | null;
  }[];
  const scanned = caseScanCounts(db, row.id);
  const summary = toSummary(row);
  return {
    ...summary,
    // The applicant as they were when this case was taken (the applicants row holds their latest details).
    applicant: snapshot.applicant ?? (JSON.parse(row.applicant_data) as Record<string, unknown>),
    itemCodes: items.map((i) => i.item_code),
    bundleCode: row.bundle_code,
    materials: materials.map((m) => ({
      entryId: m.entry_id, name: m.name, required: m.required === 1, status: m.status, form: m.form, copies: m.copies, pages: m.pages, note: m.note, promisedDate: m.promised_date,
      scannedPages: scanned.get(m.entry_id) ?? 0,
    })),
    rejectReason: snapshot.rejectReason ?? null,
    competentAuthority: snapshot.competentAuthority ?? null,
    staff: row.staff_name,
    windowNo: row.window_no,
    journal: auditEntriesFor(db, caseNo).map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, details: e.details })),
    timeline: caseTimeline(db, caseNo, { outcome: row.outcome, at: row.received_at, by: row.staff_name, windowNo: row.window_no }),
    central: summary.central && {
      ...summary.central,
      by: row.central_by ?? '',
      resultDocument: row.central_result_document ? (JSON.parse(row.central_result_document) as { name: string; sha256: string }) : null,
    },
  };
}
