import { z } from 'zod';
import type { Clock } from '../../core/ports.js';
import { CASE_STATUSES, sha256Hex, type CaseStatus } from '../protocol/index.js';
import type { BlobStore } from './blobs.js';
import { writeChanges, type Written } from './changes.js';
import { isoOf, isoOrNull, type Db, type Queryable } from './db/types.js';
import { HttpError } from './errors.js';

/** The one order a case moves in; each step only to the next. */
export const NEXT_STATUS: Record<CaseStatus, CaseStatus | null> = {
  received: 'in_review',
  in_review: 'decided',
  decided: 'ready_for_delivery',
  ready_for_delivery: 'delivered',
  delivered: null,
};

export const statusMoveSchema = z.strictObject({
  status: z.enum(CASE_STATUSES),
  decision: z.enum(['approved', 'not_approved']).optional(),
  note: z.string().trim().max(1000).optional(),
  resultDocument: z.strictObject({ name: z.string().trim().min(1).max(200), sha256: sha256Hex }).optional(),
});
export type StatusMove = z.output<typeof statusMoveSchema>;

interface CaseState {
  terminal_id: string;
  status: CaseStatus | null;
  decision: string | null;
  result_document: { name: string; sha256: string } | null;
}

const conflict = (reason: string, message: string, details: Record<string, unknown> = {}): HttpError => new HttpError(409, 'invalid_request', message, { reason, ...details });

/**
 * The back office moves one case a step: received → in_review → decided (with the decision, and the
 * result document if there is one) → ready_for_delivery → delivered. The step, its history row and
 * the `case_status` change the terminal pulls commit together.
 */
export async function moveCase(db: Db, blobs: BlobStore, clock: Clock, caseNo: string, move: StatusMove, by: string): Promise<{ data: Record<string, unknown>; written: Written | null }> {
  if (move.resultDocument && (await blobs.missing([move.resultDocument.sha256])).size > 0) {
    throw conflict('result_document_missing', `upload the result document first (PUT /office/blobs/${move.resultDocument.sha256})`);
  }
  return db.transaction(async (tx) => {
    const [c] = await tx.query<CaseState>('SELECT terminal_id, status, decision, result_document FROM cases WHERE case_no = $1 FOR UPDATE', [caseNo]);
    if (!c) throw new HttpError(404, 'not_found', `no case ${caseNo}`);
    if (c.status === null) throw conflict('not_in_workflow', `case ${caseNo} was not accepted (a correction, refusal or on-the-spot case): it has no back-office steps`);
    const allowed = NEXT_STATUS[c.status];
    if (move.status !== allowed) {
      throw conflict('status_transition', allowed ? `case ${caseNo} is ${c.status}: it can only move to ${allowed}` : `case ${caseNo} is ${c.status}: it is finished`, { from: c.status, to: move.status, allowed });
    }
    if (move.status === 'decided' && !move.decision) throw conflict('decision_required', 'a decided case needs decision: approved or not_approved');
    if (move.status !== 'decided' && move.decision) throw conflict('decision_not_here', 'the decision is given when the case moves to decided');
    if (move.resultDocument && move.status !== 'decided' && move.status !== 'ready_for_delivery') {
      throw conflict('result_document_not_here', 'a result document comes with decided or ready_for_delivery');
    }
    const now = clock.nowIso();
    const decision = move.decision ?? c.decision;
    const resultDocument = move.resultDocument ?? c.result_document;
    const note = move.note ?? null;
    await tx.query('UPDATE cases SET status = $2, decision = $3, note = $4, result_document = $5::jsonb, status_at = $6, status_by = $7 WHERE case_no = $1', [
      caseNo, move.status, decision, note, JSON.stringify(resultDocument), now, by,
    ]);
    await tx.query('INSERT INTO case_events (case_no, status, decision, note, result_document, at, by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)', [
      caseNo, move.status, decision, note, JSON.stringify(resultDocument), now, by,
    ]);
    const data = { caseNo, status: move.status, decision, note, resultDocument, at: now, by };
    const written = await writeChanges(tx, [{ scope: c.terminal_id, kind: 'case_status', key: caseNo, data }]);
    return { data, written };
  });
}

/**
 * Removes a case the office finds was entered in error (a test case at commissioning): its terminal
 * pulls a tombstone for it. The command that brought it stays in the commands journal.
 */
export async function withdrawCase(db: Db, caseNo: string): Promise<Written | null> {
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{ terminal_id: string; data: unknown }>('DELETE FROM cases WHERE case_no = $1 RETURNING terminal_id, data', [caseNo]);
    if (!c) throw new HttpError(404, 'not_found', `no case ${caseNo}`);
    // The journal kept the intake's args only in the case (push.ts): they go back to it with the case.
    await tx.query('UPDATE commands SET args = $3::jsonb WHERE terminal_id = $1 AND case_no = $2 AND args IS NULL', [c.terminal_id, caseNo, JSON.stringify(c.data)]);
    await tx.query('DELETE FROM notices WHERE case_no = $1', [caseNo]);
    return writeChanges(tx, [{ scope: c.terminal_id, kind: 'case_status', key: caseNo, data: null }]);
  });
}

export const caseListQuerySchema = z.object({
  terminalCode: z.string().trim().toUpperCase().optional(),
  status: z.enum(CASE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface CaseListing {
  caseNo: string;
  terminalCode: string;
  outcome: string;
  status: CaseStatus | null;
  decision: string | null;
  note: string | null;
  resultDocument: { name: string; sha256: string } | null;
  checked: boolean;
  catalogVersion: string | null;
  day: string;
  applicantName: string | null;
  itemCodes: string[];
  receivedAt: string;
  statusAt: string | null;
  /** Material documents the terminal lost and a supervisor sent the case without: ask the applicant again. */
  missingDocuments: unknown[] | null;
}

/** The newest cases first, filtered by window and status. */
export async function listCases(q: Queryable, filter: z.output<typeof caseListQuerySchema>): Promise<CaseListing[]> {
  const rows = await q.query<{
    case_no: string; terminal_code: string; outcome: string; status: CaseStatus | null; decision: string | null; note: string | null;
    result_document: CaseListing['resultDocument']; checked: boolean; catalog_version: string | null; day: string;
    applicant_name: string | null; item_codes: string[] | null; received_at: unknown; status_at: unknown; missing_documents: unknown[] | null;
  }>(
    `SELECT case_no, terminal_code, outcome, status, decision, note, result_document, checked, catalog_version, to_char(day, 'YYYY-MM-DD') AS day,
            data #>> '{input,applicant,name}' AS applicant_name, data #> '{derived,itemCodes}' AS item_codes, received_at, status_at, missing_documents
       FROM cases
      WHERE ($1::text IS NULL OR terminal_code = $1) AND ($2::text IS NULL OR status = $2)
      ORDER BY received_at DESC, case_no DESC
      LIMIT $3`,
    [filter.terminalCode ?? null, filter.status ?? null, filter.limit],
  );
  return rows.map((r) => ({
    caseNo: r.case_no, terminalCode: r.terminal_code, outcome: r.outcome, status: r.status, decision: r.decision, note: r.note,
    resultDocument: r.result_document, checked: r.checked, catalogVersion: r.catalog_version, day: r.day, applicantName: r.applicant_name,
    itemCodes: Array.isArray(r.item_codes) ? r.item_codes : [], receivedAt: isoOf(r.received_at), statusAt: isoOrNull(r.status_at),
    missingDocuments: r.missing_documents,
  }));
}
