import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogItem } from '../catalog/schema.js';
import { MAX_FEN } from '../money/fen.js';
import { DomainError } from '../result.js';
import { checkPayment, checkRefund, checkSettled, checkWaiver, feeAccount, refundableFen, suggestedFen, type FeeEntry } from './account.js';
import { dueByStage, feeLines, owedFen } from './lines.js';

const loc = (s: string) => ({ 'zh-CN': s, en: s });
function item(code: string, amountFen: number, payAt?: 'intake' | 'delivery'): CatalogItem {
  return {
    code, name: loc(code), department: loc('d'), category: 'other', kind: 'promised', legalLimitDays: 5, promisedLimitDays: 3,
    fee: { amountFen, ...(amountFen > 0 ? { basis: loc(`basis ${code}`) } : {}), ...(payAt ? { payAt } : {}) },
    legalBasis: loc('l'), delivery: ['window'], materials: [{ id: 'm', name: loc('m'), required: true, form: 'original', copies: 1, key: true }],
  };
}
const catalog: Pick<Catalog, 'items'> = { items: [item('A-1', 2000, 'intake'), item('B-2', 8000), item('C-3', 0)] };

const reasonOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.reason;
    throw err;
  }
  return undefined;
};

describe('fee lines', () => {
  it('one line per item with a fee, with its basis and when it is taken; a bundle sums its items', () => {
    const lines = feeLines(catalog, ['A-1', 'B-2', 'C-3'], 10000);
    expect(lines.map((l) => [l.itemCode, l.amountFen, l.payAt, l.basis?.['zh-CN']])).toEqual([
      ['A-1', 2000, 'intake', 'basis A-1'],
      ['B-2', 8000, 'delivery', 'basis B-2'],
    ]);
    expect(dueByStage(lines, 'intake')).toBe(2000);
    expect(dueByStage(lines, 'delivery')).toBe(10000);
    expect(feeLines(catalog, ['C-3'], 0)).toEqual([]);
  });

  it('only a case that was taken owes its fee', () => {
    expect([owedFen('accepted', 2000), owedFen('completed', 2000), owedFen('correction', 2000), owedFen('rejected', 2000)]).toEqual([2000, 2000, 0, 0]);
  });

  it('a case whose catalog fees changed since intake owes what it was told, in one line at delivery', () => {
    expect(feeLines(catalog, ['A-1', 'B-2'], 9000)).toMatchObject([{ itemCode: 'case', amountFen: 9000, payAt: 'delivery', basis: null }]);
    expect(feeLines(catalog, ['GONE-1'], 500)).toMatchObject([{ itemCode: 'case', amountFen: 500 }]);
  });
});

describe('the fee account', () => {
  it('takes payments with change, refunds against a payment, waivers; refuses each overreach with its reason', () => {
    let entries: FeeEntry[] = [];
    const account = () => feeAccount(10000, entries);
    expect(reasonOf(() => checkPayment(feeAccount(0, []), 100))).toBe('fee_none');
    expect(reasonOf(() => checkPayment(account(), 10001))).toBe('payment_exceeds_due');
    expect(reasonOf(() => checkPayment(account(), 2000, 1999))).toBe('cash_tendered_short');
    expect(checkPayment(account(), 2000, 5000)).toEqual({ changeFen: 3000 });
    entries.push({ kind: 'payment', paymentNo: 'P1', amountFen: 2000, method: 'cash' });
    expect(account()).toEqual({ dueFen: 10000, paidFen: 2000, refundedFen: 0, waivedFen: 0, settledElsewhereFen: 0, outstandingFen: 8000 });
    expect(reasonOf(() => checkSettled(account()))).toBe('fee_unpaid');
    expect(reasonOf(() => checkRefund(entries, 'P1', 2001))).toBe('refund_exceeds_paid');
    expect(reasonOf(() => checkRefund(entries, 'P9', 1))).toBe('payment_unknown');
    checkRefund(entries, 'P1', 500);
    entries.push({ kind: 'refund', paymentNo: 'P1', amountFen: 500 });
    expect(refundableFen(entries, 'P1')).toBe(1500);
    expect(reasonOf(() => checkWaiver(account(), 8501))).toBe('waiver_exceeds_due');
    entries.push({ kind: 'waiver', amountFen: 8500 });
    expect(account().outstandingFen).toBe(0);
    expect(reasonOf(() => checkSettled(account()))).toBeUndefined();
    expect(reasonOf(() => checkPayment(account(), 1))).toBe('fee_already_paid');
    entries = [];
  });

  it('counts what other windows settled, and never goes below nothing when they settled more', () => {
    expect(feeAccount(10000, [{ kind: 'payment', paymentNo: 'P1', amountFen: 2000, method: 'cash' }], 5000).outstandingFen).toBe(3000);
    expect(feeAccount(10000, [{ kind: 'payment', paymentNo: 'P1', amountFen: 8000, method: 'cash' }], 5000).outstandingFen).toBe(0);
  });

  it('suggests the intake lines at intake and everything outstanding at delivery', () => {
    const lines = feeLines(catalog, ['A-1', 'B-2'], 10000);
    expect(suggestedFen(lines, feeAccount(10000, []), 'intake')).toBe(2000);
    expect(suggestedFen(lines, feeAccount(10000, [{ kind: 'payment', paymentNo: 'P1', amountFen: 2000, method: 'qr' }]), 'intake')).toBe(0);
    expect(suggestedFen(lines, feeAccount(10000, [{ kind: 'payment', paymentNo: 'P1', amountFen: 2000, method: 'qr' }]), 'delivery')).toBe(8000);
  });

  /** Random operations, each applied only when its check lets it: every figure stays exact and ≥ 0. */
  it('stays exact in fen and never negative whatever the sequence of payments, refunds and waivers (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('payment' as const), amountFen: fc.integer({ min: 1, max: 200_000 }), tenderedFen: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('refund' as const), amountFen: fc.integer({ min: 1, max: 200_000 }), pick: fc.nat() }),
      fc.record({ kind: fc.constant('waiver' as const), amountFen: fc.integer({ min: 1, max: 200_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), fc.array(op, { maxLength: 40 }), (dueFen, ops) => {
        const entries: FeeEntry[] = [];
        for (const o of ops) {
          const before = feeAccount(dueFen, entries);
          try {
            if (o.kind === 'payment') {
              const { changeFen } = checkPayment(before, o.amountFen, o.tenderedFen);
              if (o.tenderedFen !== undefined && changeFen !== o.tenderedFen - o.amountFen) return false;
              entries.push({ kind: 'payment', paymentNo: `P${entries.length}`, amountFen: o.amountFen, method: o.tenderedFen === undefined ? 'card' : 'cash' });
            } else if (o.kind === 'refund') {
              const payments = entries.filter((e) => e.kind === 'payment');
              const target = payments[o.pick % Math.max(1, payments.length)];
              checkRefund(entries, target?.paymentNo ?? 'none', o.amountFen);
              entries.push({ kind: 'refund', paymentNo: target?.paymentNo ?? 'none', amountFen: o.amountFen });
            } else {
              checkWaiver(before, o.amountFen);
              entries.push({ kind: 'waiver', amountFen: o.amountFen });
            }
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            // A refused operation changes nothing.
            if (JSON.stringify(feeAccount(dueFen, entries)) !== JSON.stringify(before)) return false;
          }
          const a = feeAccount(dueFen, entries);
          if (a.outstandingFen < 0 || a.refundedFen > a.paidFen) return false;
          if (a.outstandingFen !== dueFen - (a.paidFen - a.refundedFen) - a.waivedFen) return false;
          for (const p of entries) if (p.kind === 'payment' && refundableFen(entries, p.paymentNo) < 0) return false;
          if (![a.paidFen, a.refundedFen, a.waivedFen, a.outstandingFen].every(Number.isSafeInteger)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
