import { caseParty } from '../../core/delivery/index.js';
import { businessDay } from '../../core/time.js';
import { deliver, handoverOf } from '../delivery/deliver.js';
import { deliveryReceiptData, recordedDelivery } from '../delivery/receipt.js';
import { afterIntakeCase } from '../delivery/target.js';
import { deliveredHere, deliveryWorklist } from '../delivery/worklist.js';
import { feeState } from '../fees/ledger.js';
import { renderDeliveryReceipt } from '../notices/render.js';
import { printReceipt, receiptPrintsSoFar } from '../printing/receipts.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

const caseOf = (ctx: HandlerContext, caseNo: string) => afterIntakeCase(ctx.store.db, ctx.catalog?.catalog ?? null, caseNo);

async function receipt(ctx: HandlerContext, input: { caseNo: string; layout: 'a4' | 'receipt'; language: 'zh-CN' | 'en' }) {
  const c = caseOf(ctx, input.caseNo);
  const documentNo = recordedDelivery(ctx.store.db, c.caseNo)?.documentNo ?? '';
  const printNo = receiptPrintsSoFar(ctx, documentNo);
  const data = deliveryReceiptData(ctx, c, input.language, printNo > 0 ? printNo : null);
  const { pdf } = await renderDeliveryReceipt(data, input.layout);
  return { c, data, printNo, pdf };
}

export const deliveryHandlers = {
  'deliveries.list': (input, ctx) => deliveryWorklist(ctx.store.db, ctx.catalog?.catalog ?? null, businessDay(ctx.clock.nowIso()), input),

  'deliveries.get': ({ caseNo }, ctx) => {
    const { db } = ctx.store;
    const c = caseOf(ctx, caseNo);
    const fee = feeState(db, ctx.catalog?.catalog ?? null, c);
    const party = caseParty(c.applicant);
    const delivered = deliveredHere(db, c.caseNo) || c.central?.status === 'delivered';
    const readiness = delivered ? 'delivered' : c.outcome !== 'accepted' || c.central?.status !== 'ready_for_delivery' ? 'not_ready' : fee.account.outstandingFen > 0 ? 'fee_unpaid' : 'ready';
    return {
      caseNo: c.caseNo, title: c.title, applicantName: c.applicantName, applicantKind: party.kind, idTypeExpected: party.idType, here: c.caseId !== null, windowNo: c.windowNo,
      receivedAt: c.receivedAt, central: c.central, handover: handoverOf(c), fee, postAddress: typeof c.applicant.address === 'string' ? c.applicant.address : null,
      readiness, delivery: recordedDelivery(db, c.caseNo),
    };
  },

  'deliveries.deliver': (input, ctx) => deliver(ctx, input),

  'deliveries.previewReceipt': async (input, ctx) => {
    const { data, printNo, pdf } = await receipt(ctx, input);
    return { documentNo: data.documentNo, printNo, pdfBase64: pdf.toString('base64') };
  },

  'deliveries.printReceipt': async (input, ctx) => {
    const { c, data, printNo, pdf } = await receipt(ctx, input);
    const done = await printReceipt(ctx, { kind: 'delivery', documentNo: data.documentNo, caseNo: c.caseNo, printNo, pdf, layout: input.layout, language: input.language, printer: input.printer });
    return { documentNo: data.documentNo, printNo, ...done };
  },
} satisfies Partial<HandlerImpls>;
