import { randomUUID } from 'node:crypto';
import type { CommandArgs } from '../../protocol/index.js';

/**
 * Delivery and fee commands as a terminal's outbox holds them (main/delivery/deliver.ts and
 * main/handlers/fees.ts write the same shapes). For tests; sync/server's product code does not use it.
 */
export interface Where {
  terminalCode: string;
  windowNo?: string | null;
  staff?: string;
  day?: string;
}

const counter = (w: Where) => ({ terminalCode: w.terminalCode, windowNo: w.windowNo ?? '3', staff: w.staff ?? 'wang', at: `${w.day ?? '2026-11-30'}T03:00:00.000Z`, day: w.day ?? '2026-11-30' });

export function deliveryArgs(caseNo: string, w: Where, collector: Partial<CommandArgs<'deliverResult'>['collector']> = {}): CommandArgs<'deliverResult'> {
  return {
    caseNo, ...counter(w), deliveryId: randomUUID(), documentNo: `LQ-${caseNo}`,
    collector: { relation: 'self', name: '王𠮷', idType: 'resident_id', idNumber: '11010519491231002X', idRead: false, idMatches: true, ...collector },
    override: null, post: null, handedOver: [{ id: 'result', name: '办理结果', kind: 'result' }], powerOfAttorney: null,
  };
}

let entries = 0;
/** A fee entry number of this terminal's (SF-<terminal>-<day>-<seq>), new each call. */
export const entryNo = (w: Where): string => `SF-${w.terminalCode}-${(w.day ?? '2026-11-30').replaceAll('-', '')}-${String((entries += 1)).padStart(4, '0')}`;

export function paymentArgs(caseNo: string, w: Where, amountFen: number, no = entryNo(w)): CommandArgs<'recordPayment'> {
  return { caseNo, ...counter(w), entryNo: no, stage: 'delivery', method: 'card', amountFen, tenderedFen: null, changeFen: null, reference: 'POS-1', billNo: null };
}

export function refundArgs(caseNo: string, w: Where, refundOf: string, amountFen: number): CommandArgs<'refundPayment'> {
  return { caseNo, ...counter(w), entryNo: entryNo(w), refundOf, method: 'card', amountFen, reason: '多收退回', supervisor: 'li' };
}

export function waiverArgs(caseNo: string, w: Where, amountFen: number): CommandArgs<'waiveFee'> {
  return { caseNo, ...counter(w), entryNo: entryNo(w), amountFen, reason: '困难减免', supervisor: 'li' };
}
