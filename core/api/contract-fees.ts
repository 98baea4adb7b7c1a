import { z } from 'zod';
import { textField } from '../applicant/text-schema.js';
import { reasonSchema } from '../delivery/schema.js';
import { PAYMENT_METHODS } from '../fees/account.js';
import { fenSchema } from '../money/schema.js';
import { languageSchema, localized, type HandlerSpec } from './contract-common.js';

/**
 * Fees at the counter (issue 14): what a case owes (its items' fees and basis from the catalog, fixed at
 * intake), payments by method, refunds and waivers signed off by a supervisor, and the slip each prints.
 * Amounts are integer fen on the wire (`amountFen`; the renderer reads typed yuan with core/money's
 * parseYuan); every write is one transaction with its journal entry and its outbox command.
 */
const caseNo = z.string().trim().min(1).max(40);
const amount = fenSchema({ positive: true });
const reference = textField({ prefix: 'reference', label: 'reference', maxCodePoints: 64 });
const stage = z.enum(['intake', 'delivery']);
const entryKind = z.enum(['payment', 'refund', 'waiver']);
const entryNo = z.string().trim().min(1).max(60);
const supervisorSignOff = {
  reason: reasonSchema,
  supervisor: z.string().trim().min(1).max(32),
  supervisorPassword: z.string().max(200),
};

const feeLine = z.object({ itemCode: z.string(), name: localized, amountFen: z.number().int(), basis: localized.nullable().describe('收费依据'), note: localized.nullable(), payAt: stage });
const account = z.object({
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  waivedFen: z.number().int(),
  settledElsewhereFen: z.number().int().describe('Paid and waived at other windows of the hall, as the centre last said.'),
  outstandingFen: z.number().int().describe('What must be settled before the result is handed over.'),
});
const entry = z.object({
  entryNo: z.string(),
  kind: entryKind,
  stage: stage.nullable(),
  method: z.enum(PAYMENT_METHODS).nullable(),
  amountFen: z.number().int(),
  tenderedFen: z.number().int().nullable(),
  changeFen: z.number().int().nullable(),
  reference: z.string().nullable(),
  billNo: z.string().nullable(),
  refundOf: z.string().nullable(),
  refundableFen: z.number().int().describe('A payment: what is left of it to refund.'),
  supervisor: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
  staff: z.string(),
});
export const feeStateSchema = z.object({
  caseNo: z.string(),
  lines: z.array(feeLine),
  account,
  entries: z.array(entry),
  suggested: z.object({ intake: z.number().int(), delivery: z.number().int() }).describe('What the counter offers to take now at each stage.'),
});

/** How a payment was made; cash says what was tendered (the change is computed), the others their reference. */
const methodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cash'), tenderedFen: amount }),
  z.strictObject({ kind: z.literal('card'), reference }),
  z.strictObject({ kind: z.literal('qr'), reference }),
  z.strictObject({
    kind: z.literal('payment_code'),
    reference: reference.describe('The 非税收入 payment code (缴款码) the applicant paid with.'),
    billNo: textField({ prefix: 'bill_no', label: '财政电子票据 number', maxCodePoints: 64, optional: true }).optional().describe('The 财政电子票据 number, once the finance platform issued it.'),
  }),
]);

const slipTarget = { entryNo, language: languageSchema.default('zh-CN'), layout: z.enum(['a4', 'receipt']).default('receipt') };

export const feesContract = {
  'fees.get': {
    access: 'clerk',
    summary: "A case's fee: its lines with their basis (收费依据), the account (due, paid, refunded, waived, outstanding), every entry, and what to take now.",
    input: z.strictObject({ caseNo }),
    result: feeStateSchema,
  },
  'fees.pay': {
    access: 'clerk',
    summary: 'Records a payment of a case’s fee by one method (cash with the change, bank card, QR payment, 非税 payment code). Refused on a case without a fee or above what is outstanding. Journaled and queued.',
    input: z.strictObject({ caseNo, stage, amountFen: amount, method: methodSchema }),
    result: z.object({ entryNo: z.string(), changeFen: z.number().int().nullable(), state: feeStateSchema }),
  },
  'fees.refund': {
    access: 'clerk',
    summary: 'Gives back part or all of one payment, through its method; a supervisor signs off with their own password and a reason. At most what is left of that payment. Journaled and queued.',
    input: z.strictObject({ caseNo, paymentNo: entryNo, amountFen: amount, ...supervisorSignOff }),
    result: z.object({ entryNo: z.string(), state: feeStateSchema }),
  },
  'fees.waive': {
    access: 'clerk',
    summary: 'Lets part or all of what is outstanding go (减免); a supervisor signs off with their own password and a reason. Journaled and queued.',
    input: z.strictObject({ caseNo, amountFen: amount, ...supervisorSignOff }),
    result: z.object({ entryNo: z.string(), state: feeStateSchema }),
  },
  'fees.previewSlip': {
    access: 'clerk',
    summary: 'The slip of one fee entry as it would print next (the first print, or a reprint marked 副本), as a PDF. Writes nothing.',
    input: z.strictObject(slipTarget),
    result: z.object({ documentNo: z.string(), printNo: z.number().int(), pdfBase64: z.string() }),
  },
  'fees.printSlip': {
    access: 'clerk',
    summary: 'Prints the slip of one fee entry (roll by default) to the given printer or the one set for payments. Journaled.',
    input: z.strictObject({ ...slipTarget, printer: z.string().trim().min(1).max(127).optional() }),
    result: z.object({ documentNo: z.string(), printNo: z.number().int(), printer: z.string(), jobId: z.string() }),
  },
} as const satisfies Record<string, HandlerSpec>;
