import type { Database } from 'better-sqlite3';
import type { HandlerResult } from '../../core/api/contract.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { feeAccount, feeLines, refundableFen, suggestedFen, type FeeAccount, type FeeEntry, type PaymentMethod } from '../../core/fees/index.js';
import { formatCaseNumber } from '../../core/intake/case-number.js';
import { stmt } from '../db/statements.js';
import type { AfterIntakeCase } from '../delivery/target.js';

export type FeeState = HandlerResult<'fees.get'>;

export interface EntryRow {
  entry_no: string;
  case_no: string;
  kind: 'payment' | 'refund' | 'waiver';
  stage: 'intake' | 'delivery' | null;
  method: PaymentMethod | null;
  amount_fen: number;
  tendered_fen: number | null;
  change_fen: number | null;
  reference: string | null;
  bill_no: string | null;
  refund_of: string | null;
  supervisor: string | null;
  reason: string | null;
  at: string;
  staff_name: string;
}

export function entryRows(db: Database, caseNo: string): EntryRow[] {
  return stmt<EntryRow>(db, 'SELECT f.*, s.display_name AS staff_name FROM fee_entries f JOIN staff s ON s.id = f.staff_id WHERE f.case_no = ? ORDER BY f.id').all(caseNo);
}

export function entryOf(db: Database, entryNo: string): EntryRow | undefined {
  return stmt<EntryRow>(db, 'SELECT f.*, s.display_name AS staff_name FROM fee_entries f JOIN staff s ON s.id = f.staff_id WHERE f.entry_no = ?').get(entryNo);
}

export function toFeeEntries(rows: readonly EntryRow[]): FeeEntry[] {
  return rows.map((r): FeeEntry => {
    if (r.kind === 'payment') return { kind: 'payment', paymentNo: r.entry_no, amountFen: r.amount_fen, method: r.method ?? 'cash' };
    if (r.kind === 'refund') return { kind: 'refund', paymentNo: r.refund_of ?? '', amountFen: r.amount_fen };
    return { kind: 'waiver', amountFen: r.amount_fen };
  });
}

export function accountOf(c: AfterIntakeCase, rows: readonly EntryRow[]): FeeAccount {
  return feeAccount(c.feeFen, toFeeEntries(rows), c.settledElsewhereFen);
}

/** Everything `fees.get` shows, from the case, this store's entries and the catalog the terminal holds. */
export function feeState(db: Database, catalog: Pick<Catalog, 'items'> | null, c: AfterIntakeCase): FeeState {
  const rows = entryRows(db, c.caseNo);
  const entries = toFeeEntries(rows);
  const lines = feeLines(catalog ?? { items: [] }, c.itemCodes, c.feeFen);
  const account = feeAccount(c.feeFen, entries, c.settledElsewhereFen);
  return {
    caseNo: c.caseNo,
    lines,
    account,
    entries: rows.map((r) => ({
      entryNo: r.entry_no, kind: r.kind, stage: r.stage, method: r.method, amountFen: r.amount_fen, tenderedFen: r.tendered_fen, changeFen: r.change_fen,
      reference: r.reference, billNo: r.bill_no, refundOf: r.refund_of, refundableFen: r.kind === 'payment' ? refundableFen(entries, r.entry_no) : 0,
      supervisor: r.supervisor, reason: r.reason, at: r.at, staff: r.staff_name,
    })),
    suggested: { intake: suggestedFen(lines, account, 'intake'), delivery: suggestedFen(lines, account, 'delivery') },
  };
}

/** The next entry number of the day, taken inside the caller's transaction: it exists exactly when its entry does. */
export function nextEntryNo(db: Database, terminalCode: string, day: string): string {
  const row = stmt<{ last_seq: number }>(db, 'INSERT INTO fee_counters (day, last_seq) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq').get(day);
  return `SF-${formatCaseNumber(terminalCode, day, row?.last_seq ?? 1)}`;
}

export interface NewEntry {
  entryNo: string;
  caseNo: string;
  caseId: number | null;
  kind: 'payment' | 'refund' | 'waiver';
  stage: 'intake' | 'delivery' | null;
  method: PaymentMethod | null;
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  reference: string | null;
  billNo: string | null;
  refundOf: string | null;
  supervisor: string | null;
  reason: string | null;
  at: string;
  day: string;
  staffId: number;
}

export function insertEntry(db: Database, e: NewEntry): void {
  stmt(
    db,
    `INSERT INTO fee_entries (entry_no, case_no, case_id, kind, stage, method, amount_fen, tendered_fen, change_fen, reference, bill_no, refund_of, supervisor, reason, at, day, staff_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.entryNo, e.caseNo, e.caseId, e.kind, e.stage, e.method, e.amountFen, e.tenderedFen, e.changeFen, e.reference, e.billNo, e.refundOf, e.supervisor, e.reason, e.at, e.day, e.staffId);
}
