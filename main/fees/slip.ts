import type { NoticeLanguage, PaymentSlipData } from '../../core/notices/types.js';
import { DomainError } from '../../core/result.js';
import { getSetting } from '../db/settings.js';
import { afterIntakeCase } from '../delivery/target.js';
import type { HandlerContext } from '../handlers/context.js';
import { entryOf, entryRows, accountOf } from './ledger.js';
import { feeLines } from '../../core/fees/index.js';

/** A fee entry's slip data, as it prints now (`reprint`: null for the first print). */
export function paymentSlipData(ctx: HandlerContext, entryNo: string, language: NoticeLanguage, reprint: number | null): PaymentSlipData {
  const { db } = ctx.store;
  const e = entryOf(db, entryNo.trim().toUpperCase());
  if (!e) throw new DomainError('not_found', `no fee entry ${entryNo}`, 'entryNo', 'fee_entry_unknown');
  const c = afterIntakeCase(db, ctx.catalog?.catalog ?? null, e.case_no);
  // What was outstanding right after this entry: the account over the entries up to it.
  const rows = entryRows(db, e.case_no);
  const upTo = rows.slice(0, rows.findIndex((r) => r.entry_no === e.entry_no) + 1);
  const account = accountOf(c, upTo);
  const lines = feeLines(ctx.catalog?.catalog ?? { items: [] }, c.itemCodes, c.feeFen);
  return {
    language, kind: e.kind, documentNo: e.entry_no, caseNo: e.case_no, title: c.title[language], applicantName: c.applicantName,
    method: e.method, amountFen: e.amount_fen, tenderedFen: e.tendered_fen, changeFen: e.change_fen, reference: e.reference, billNo: e.bill_no, refundOf: e.refund_of,
    lines: lines.map((l) => ({ name: l.name[language], amountFen: l.amountFen, basis: l.basis?.[language] ?? null })),
    dueFen: account.dueFen, outstandingFen: account.outstandingFen, supervisor: e.supervisor, reason: e.reason,
    at: e.at, staff: e.staff_name, windowNo: getSetting(db, 'window_no'), hall: getSetting(db, 'hall'), district: getSetting(db, 'district'), reprint,
  };
}
