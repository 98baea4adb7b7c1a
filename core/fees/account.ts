import type { FeePayAt } from '../catalog/schema.js';
import { changeFen, subtractFen, sumFen } from '../money/fen.js';
import type { CounterReason } from '../reasons.js';
import { DomainError } from '../result.js';
import { dueByStage, type FeeLine } from './lines.js';

/**
 * The fee account of one case, from its entries: payments in, refunds out (each against one payment,
 * through that payment's method), waivers (a supervisor lets an amount go). Everything is fen, and the
 * rules below keep every figure ≥ 0: a payment and a waiver at most what is outstanding, a refund at
 * most what is left of its payment. A refund makes its amount outstanding again: a supervisor who
 * returns a fee that was not owed waives it too.
 */
export const PAYMENT_METHODS = ['cash', 'card', 'qr', 'payment_code'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type FeeEntry =
  | { kind: 'payment'; paymentNo: string; amountFen: number; method: PaymentMethod }
  | { kind: 'refund'; paymentNo: string; amountFen: number }
  | { kind: 'waiver'; amountFen: number };

export interface FeeAccount {
  dueFen: number;
  paidFen: number;
  refundedFen: number;
  waivedFen: number;
  /** Paid and waived at other windows of the hall, as the centre last said. */
  settledElsewhereFen: number;
  /** due − (paid − refunded) − waived − elsewhere: what must be settled before the result is handed over. */
  outstandingFen: number;
}

/**
 * The account from this window's entries and what other windows settled. Entries here are held to
 * the rules below, so they never settle more than is due; what the centre reports from elsewhere can
 * arrive after them (two windows took the fee at once), and then nothing is outstanding here, never
 * less than nothing: the centre refuses the second payment and the window that took it refunds it.
 */
export function feeAccount(dueFen: number, entries: readonly FeeEntry[], settledElsewhereFen = 0): FeeAccount {
  const of = (kind: FeeEntry['kind']) => sumFen(entries.filter((e) => e.kind === kind).map((e) => e.amountFen));
  const paidFen = of('payment');
  const refundedFen = of('refund');
  const waivedFen = of('waiver');
  const settled = sumFen([subtractFen(paidFen, refundedFen), waivedFen]) + settledElsewhereFen;
  return { dueFen, paidFen, refundedFen, waivedFen, settledElsewhereFen, outstandingFen: settled >= dueFen ? 0 : dueFen - settled };
}

/** What is left to refund of one payment. */
export function refundableFen(entries: readonly FeeEntry[], paymentNo: string): number {
  const paid = entries.find((e) => e.kind === 'payment' && e.paymentNo === paymentNo);
  if (!paid) return 0;
  return subtractFen(paid.amountFen, sumFen(entries.filter((e) => e.kind === 'refund' && e.paymentNo === paymentNo).map((e) => e.amountFen)));
}

/** The amount the counter offers to take at a stage: at intake the intake lines not yet settled, at delivery all that is outstanding. */
export function suggestedFen(lines: readonly FeeLine[], account: FeeAccount, stage: FeePayAt): number {
  const settled = account.dueFen - account.outstandingFen;
  return Math.min(account.outstandingFen, Math.max(0, dueByStage(lines, stage) - settled));
}

const refuse = (reason: CounterReason, message: string, field: string, code: 'invalid_input' | 'conflict' = 'invalid_input'): DomainError => new DomainError(code, message, field, reason);

/** A payment of `amountFen` (> 0) on this account; cash also needs what was tendered, and gets its change. */
export function checkPayment(account: FeeAccount, amountFen: number, tenderedFen?: number): { changeFen: number | null } {
  if (account.dueFen === 0) throw refuse('fee_none', 'this case has no fee to pay', 'amountFen');
  if (account.outstandingFen === 0) throw refuse('fee_already_paid', 'the fee of this case is settled already', 'amountFen', 'conflict');
  if (amountFen > account.outstandingFen) throw refuse('payment_exceeds_due', `the amount is more than the ${account.outstandingFen} fen outstanding`, 'amountFen');
  if (tenderedFen === undefined) return { changeFen: null };
  const change = changeFen(tenderedFen, amountFen);
  if (change === null) throw refuse('cash_tendered_short', 'the cash tendered is less than the amount', 'method.tenderedFen');
  return { changeFen: change };
}

export function checkRefund(entries: readonly FeeEntry[], paymentNo: string, amountFen: number): void {
  if (!entries.some((e) => e.kind === 'payment' && e.paymentNo === paymentNo)) throw new DomainError('not_found', `no payment ${paymentNo} on this case`, 'paymentNo', 'payment_unknown');
  const left = refundableFen(entries, paymentNo);
  if (amountFen > left) throw refuse('refund_exceeds_paid', `at most ${left} fen of this payment can be refunded`, 'amountFen');
}

export function checkWaiver(account: FeeAccount, amountFen: number): void {
  if (account.dueFen === 0) throw refuse('fee_none', 'this case has no fee to waive', 'amountFen');
  if (amountFen > account.outstandingFen) throw refuse('waiver_exceeds_due', `at most the ${account.outstandingFen} fen outstanding can be waived`, 'amountFen');
}

/** The result may be handed over only when nothing is outstanding. */
export function checkSettled(account: FeeAccount): void {
  if (account.outstandingFen > 0) throw new DomainError('conflict', `${account.outstandingFen} fen of the fee is unpaid`, 'fee', 'fee_unpaid');
}
