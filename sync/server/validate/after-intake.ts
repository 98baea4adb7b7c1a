import { checkPayment, checkRefund, checkWaiver, feeAccount, type FeeEntry } from '../../../core/fees/index.js';
import { DomainError } from '../../../core/result.js';
import type { ParsedCommandArgs } from '../../protocol/index.js';
import type { Batch, CaseState, Refusal, Verdict } from './verdict.js';

/**
 * Judges of what comes after intake (issue 14): deliveries and fee entries. The case must be on the
 * centre, taken at this window or at another window of its hall (统一出件). A delivery applies once:
 * the first window's; any later one is refused with where, when and by whom the result went, which
 * is what the second window shows its clerk. The fee rules are core's (core/fees), over every
 * window's entries as the centre holds them, so two windows cannot both take the whole fee.
 */
function caseOf(caseNo: string, batch: Batch): CaseState | Refusal {
  const s = batch.after.get(caseNo);
  if (!s) return { ok: false, caseNo, code: 'case_unknown', reason: `case ${caseNo} is not on the server` };
  if (s.terminalId !== batch.terminalId && (s.hall === null || s.hall !== batch.hall)) {
    return { ok: false, caseNo, code: 'case_other_hall', reason: `case ${caseNo} was taken in another hall; its result is handed over there` };
  }
  return s;
}

const isRefusal = (v: CaseState | Refusal): v is Refusal => 'ok' in v;

function entriesOf(s: CaseState): FeeEntry[] {
  return s.entries.map((e): FeeEntry => (e.kind === 'waiver' ? { kind: 'waiver', amountFen: e.amountFen } : e.kind === 'refund' ? { kind: 'refund', paymentNo: e.refundOf ?? '', amountFen: e.amountFen } : { kind: 'payment', paymentNo: e.entryNo, amountFen: e.amountFen, method: 'cash' }));
}

/** Where a delivered result went, in words both windows' clerks read. */
export function deliveredWhere(d: NonNullable<CaseState['delivery']>): string {
  return `the result was already handed over at window ${d.windowNo ?? '?'} (${d.terminalCode}) by ${d.staff} at ${d.at}`;
}

export function judgeDelivery(args: ParsedCommandArgs<'deliverResult'>, batch: Batch): Verdict {
  const s = caseOf(args.caseNo, batch);
  if (isRefusal(s)) return s;
  const refuse = (code: string, reason: string): Refusal => ({ ok: false, caseNo: args.caseNo, code, reason });
  if (s.delivery) return refuse('already_delivered', deliveredWhere(s.delivery));
  if (s.status !== 'ready_for_delivery') return refuse('case_not_ready', `case ${args.caseNo} is ${s.status ?? 'not in the back office’s workflow'}, not ready for delivery`);
  const account = feeAccount(s.feeFen, entriesOf(s));
  if (account.outstandingFen > 0) return refuse('fee_unpaid', `${account.outstandingFen} fen of the fee of case ${args.caseNo} is unpaid at the centre`);
  return { ok: true, caseNo: args.caseNo, effect: { kind: 'delivery', caseNo: args.caseNo, documentNo: args.documentNo, relation: args.collector.relation, at: args.at, terminalCode: args.terminalCode, windowNo: args.windowNo, staff: args.staff } };
}

type FeeArgs = ParsedCommandArgs<'recordPayment' | 'refundPayment' | 'waiveFee'>;

export const judgeFee =
  (kind: 'payment' | 'refund' | 'waiver') =>
  (args: FeeArgs, batch: Batch): Verdict => {
    const s = caseOf(args.caseNo, batch);
    if (isRefusal(s)) return s;
    if (s.entries.some((e) => e.entryNo === args.entryNo) || batch.entryNos.has(args.entryNo)) {
      return { ok: false, caseNo: args.caseNo, code: 'entry_duplicate', reason: `fee entry ${args.entryNo} is already on the server` };
    }
    const entries = entriesOf(s);
    const refundOf = kind === 'refund' && typeof args.refundOf === 'string' ? args.refundOf : null;
    try {
      if (kind === 'payment') checkPayment(feeAccount(s.feeFen, entries), args.amountFen);
      else if (kind === 'refund') checkRefund(entries, refundOf ?? '', args.amountFen);
      else checkWaiver(feeAccount(s.feeFen, entries), args.amountFen);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { ok: false, caseNo: args.caseNo, code: err.reason ?? err.code, reason: `${err.message} (at the centre, over every window's entries)` };
    }
    return { ok: true, caseNo: args.caseNo, effect: { kind: 'fee', caseNo: args.caseNo, entryNo: args.entryNo, entryKind: kind, amountFen: args.amountFen, refundOf } };
  };

type PromiseArgs = ParsedCommandArgs<'recordPromisedMaterial' | 'failPromise'>;

/** 容缺: a promised material of one of this window's own cases, one of its gaps, recorded once. */
export const judgePromise =
  (state: 'received' | 'failed') =>
  (args: PromiseArgs, batch: Batch): Verdict => {
    const s = batch.after.get(args.caseNo);
    const refuse = (code: string, reason: string): Refusal => ({ ok: false, caseNo: args.caseNo, code, reason });
    if (!s || s.terminalId !== batch.terminalId) return refuse('case_unknown', `case ${args.caseNo} is not on the server for this terminal`);
    if (!s.withGaps || s.fulfilled.includes(args.entryId)) return refuse('promise_not_a_gap', `"${args.entryId}" is not a material case ${args.caseNo} was accepted without (容缺)`);
    if (s.promises.includes(args.entryId)) return refuse('promise_closed', `"${args.entryId}" of case ${args.caseNo} has been recorded already`);
    return { ok: true, caseNo: args.caseNo, effect: { kind: 'promise', caseNo: args.caseNo, entryId: args.entryId, state } };
  };
