import type { Database } from 'better-sqlite3';
import type { HandlerInput, HandlerResult } from '../../core/api/contract.js';
import { normalizeDocumentNumber } from '../../core/applicant/index.js';
import type { Catalog, Localized } from '../../core/catalog/schema.js';
import { owedFen } from '../../core/fees/lines.js';
import { addDays, businessDay, daysBetween, startOfBusinessDay } from '../../core/time.js';
import { stmt } from '../db/statements.js';
import { targetNames } from './target.js';

type Query = HandlerInput<'deliveries.list'> & { limit: number };
type Page = HandlerResult<'deliveries.list'>;

interface Row {
  case_no: string;
  ready_at: string;
  result_document: string | null;
  hall_case: string | null;
  settled_elsewhere_fen: number;
  title: string | null;
  applicant_name: string | null;
  applicant_id_number: string | null;
  fee_fen: number | null;
  outcome: string | null;
  window_no: string | null;
  items: string | null;
  settled_here: number;
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The delivery work list: what the centre marked ready_for_delivery (this terminal's cases, and the
 * hall's that any window may hand over), not yet delivered here, oldest first. Keyset pages on
 * (ready time, case number), which the index central_case_status_ready serves in order, so the first
 * page costs the same at 20,000 ready cases as at 20 (bench delivery.worklist).
 */
export function deliveryWorklist(db: Database, catalog: Pick<Catalog, 'items' | 'bundles'> | null, today: string, q: Query): Page {
  // Every condition is on the ready index's columns (central_case_status_ready); the cases are read for the page only.
  const where = ["cs.status = 'ready_for_delivery'"];
  const params: Record<string, unknown> = { limit: q.limit + 1 };
  if (q.after) {
    where.push('(cs.at, cs.case_no) > (@afterAt, @afterNo)');
    Object.assign(params, { afterAt: q.after.readyAt, afterNo: q.after.caseNo });
  }
  if (q.minWaitingDays !== undefined && q.minWaitingDays > 0) {
    // Waiting at least n days: marked ready before the start of the day n − 1 days ago.
    where.push('cs.at < @cutoff');
    params.cutoff = startOfBusinessDay(addDays(today, 1 - q.minWaitingDays));
  }
  const query = q.query?.trim() ?? '';
  if (query !== '') {
    where.push("(cs.case_no LIKE @prefix ESCAPE '\\' OR cs.applicant_id = @idNumber OR cs.applicant_name LIKE @contains ESCAPE '\\')");
    Object.assign(params, { prefix: `${likeEscape(query.toUpperCase())}%`, idNumber: normalizeDocumentNumber(query), contains: `%${likeEscape(query)}%` });
  }
  if (q.itemCode) {
    where.push("cs.item_codes LIKE @item ESCAPE '\\'");
    params.item = `%|${likeEscape(q.itemCode)}|%`;
  }
  // Checked after the conditions on the index's columns, so a search probes deliveries only for the rows it matches.
  where.push('NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.case_no = cs.case_no)');
  const rows = db
    .prepare(
      `SELECT cs.case_no, cs.at AS ready_at, cs.result_document, cs.hall_case, cs.settled_elsewhere_fen,
              c.title, c.applicant_name, c.applicant_id_number, c.fee_fen, c.outcome, c.window_no,
              (SELECT group_concat(item_code, char(31)) FROM (SELECT item_code FROM case_items WHERE case_id = c.id ORDER BY pos)) AS items,
              (SELECT coalesce(sum(CASE f.kind WHEN 'refund' THEN -f.amount_fen ELSE f.amount_fen END), 0) FROM fee_entries f WHERE f.case_no = cs.case_no) AS settled_here
         FROM central_case_status cs LEFT JOIN cases c ON c.case_no = cs.case_no
        WHERE ${where.join(' AND ')} AND (c.id IS NOT NULL OR cs.hall_case IS NOT NULL)
        ORDER BY cs.at, cs.case_no
        LIMIT @limit`,
    )
    .all(params) as Row[];
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return { rows: page.map((r) => toWorkRow(r, catalog, today)), next: more && last ? { readyAt: last.ready_at, caseNo: last.case_no } : null };
}

function toWorkRow(r: Row, catalog: Pick<Catalog, 'items' | 'bundles'> | null, today: string): Page['rows'][number] {
  const doc = r.result_document ? (JSON.parse(r.result_document) as { name: string }).name : null;
  const waitingDays = Math.max(0, daysBetween(businessDay(r.ready_at), today));
  if (r.title !== null && r.outcome !== null) {
    const due = owedFen(r.outcome, r.fee_fen ?? 0);
    return {
      caseNo: r.case_no, title: JSON.parse(r.title) as Localized, applicantName: r.applicant_name ?? '', applicantIdNumber: r.applicant_id_number ?? '',
      itemCodes: r.items ? r.items.split('\u001f') : [], readyAt: r.ready_at, waitingDays, outstandingFen: Math.max(0, due - r.settled_here - r.settled_elsewhere_fen),
      resultDocument: doc, here: true, windowNo: r.window_no,
    };
  }
  const h = JSON.parse(r.hall_case ?? '{}') as { applicant?: { name?: string; idNumber?: string; uscc?: string }; itemCodes?: string[]; bundleCode?: string | null; feeFen?: number; windowNo?: string | null };
  const itemCodes = h.itemCodes ?? [];
  return {
    caseNo: r.case_no, title: targetNames(catalog, itemCodes, h.bundleCode ?? null).title, applicantName: h.applicant?.name ?? '', applicantIdNumber: h.applicant?.idNumber ?? h.applicant?.uscc ?? '',
    itemCodes, readyAt: r.ready_at, waitingDays, outstandingFen: Math.max(0, (h.feeFen ?? 0) - r.settled_here - r.settled_elsewhere_fen),
    resultDocument: doc, here: false, windowNo: h.windowNo ?? null,
  };
}

/** Whether a delivery of this case is recorded in this store. */
export function deliveredHere(db: Database, caseNo: string): boolean {
  return stmt(db, 'SELECT 1 FROM deliveries WHERE case_no = ?').get(caseNo) !== undefined;
}
