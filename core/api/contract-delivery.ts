import { z } from 'zod';
import { collectorOverrideSchema, collectorSchema } from '../delivery/schema.js';
import { languageSchema, localized, type HandlerSpec } from './contract-common.js';
import { feeStateSchema } from './contract-fees.js';

/**
 * 出件 (issue 14): the results the back office marked ready (pulled from the centre), handing one over
 * to the applicant, an agent with a power of attorney, or by post, and the 领取回执. A case another
 * window of the hall took can be handed over here too (统一出件); the centre applies the first delivery
 * of a case and refuses any other, with a reason both windows see.
 */
const caseNo = z.string().trim().min(1).max(40);
const relation = z.enum(['self', 'legalRep', 'agent', 'post']);
const cursor = z.strictObject({ readyAt: z.string().max(40), caseNo: z.string().max(40) });

const workRow = z.object({
  caseNo: z.string(),
  title: localized,
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  itemCodes: z.array(z.string()),
  readyAt: z.string().describe("When the back office marked it ready (the centre's clock)."),
  waitingDays: z.number().int().describe('Natural days since then, counted in the hall’s time zone.'),
  outstandingFen: z.number().int().describe('Fee still to settle before it can be handed over.'),
  resultDocument: z.string().nullable(),
  here: z.boolean().describe('Taken at this window (false: another window of the hall).'),
  windowNo: z.string().nullable().describe('The window that took the case.'),
});

const handoverEntry = z.object({ id: z.string(), name: z.string(), kind: z.enum(['result', 'original']) });
const recorded = z.object({
  documentNo: z.string(),
  relation,
  collectorName: z.string(),
  collectorIdNumber: z.string().nullable(),
  idMatches: z.boolean(),
  overrideBy: z.string().nullable(),
  post: z.object({ courier: z.string(), trackingNo: z.string(), address: z.string() }).nullable(),
  handedOver: z.array(handoverEntry),
  deliveredAt: z.string(),
  staff: z.string(),
});

const receiptTarget = { caseNo, layout: z.enum(['a4', 'receipt']).default('receipt'), language: languageSchema.default('zh-CN') };

export const deliveryContract = {
  'deliveries.list': {
    access: 'clerk',
    summary: 'The delivery work list: results the back office marked ready and nobody has collected, oldest first, 50 a page. query matches case number (prefix), ID number or name; filter by item and by days waiting.',
    input: z.strictObject({
      query: z.string().trim().max(40).optional(),
      itemCode: z.string().trim().min(1).max(64).optional(),
      minWaitingDays: z.number().int().min(0).max(3650).optional(),
      after: cursor.optional().describe('The `next` of the page before.'),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    result: z.object({ rows: z.array(workRow), next: cursor.nullable() }),
  },
  'deliveries.get': {
    access: 'clerk',
    summary: 'What handing over one result needs: the case, what to hand over (the result and the originals lent at intake), its fee, the applicant’s address for the post, and the delivery once made.',
    input: z.strictObject({ caseNo }),
    result: z.object({
      caseNo: z.string(),
      title: localized,
      applicantName: z.string(),
      applicantKind: z.enum(['person', 'organisation']),
      idTypeExpected: z.string().nullable().describe('The ID type the collector in person must show (the applicant’s, or the legal representative’s).'),
      here: z.boolean(),
      windowNo: z.string().nullable(),
      receivedAt: z.string(),
      central: z.object({ status: z.string(), at: z.string(), resultDocument: z.object({ name: z.string(), sha256: z.string() }).nullable() }).nullable(),
      handover: z.array(handoverEntry),
      fee: feeStateSchema,
      postAddress: z.string().nullable(),
      readiness: z.enum(['ready', 'not_ready', 'delivered', 'fee_unpaid']),
      delivery: recorded.nullable(),
    }),
  },
  'deliveries.deliver': {
    access: 'clerk',
    summary: '出件: hands the result over to the applicant (ID checked against the case), an agent (their ID, and the 授权委托书 scanned into the batch `deliveryId`), or by post. A mismatched ID needs a supervisor’s override with a reason and their password. Refused when not ready, already delivered or unpaid. Journaled and queued.',
    input: z.strictObject({
      caseNo,
      deliveryId: z.uuid().describe('Made by the counter when the delivery starts; also the scan batch of the power of attorney. A second submission is refused.'),
      collector: collectorSchema,
      handedOver: z.array(z.string().min(1).max(100)).min(1).max(200).describe('Ids from `handover`; `result` must be among them.'),
      override: collectorOverrideSchema.optional(),
      supervisorPassword: z.string().max(200).optional(),
    }),
    result: z.object({ documentNo: z.string(), relation, deliveredAt: z.string(), idMatches: z.boolean() }),
  },
  'deliveries.previewReceipt': {
    access: 'clerk',
    summary: 'The 领取回执 of a delivery as it would print next (first print or a reprint marked 副本), as a PDF. Writes nothing.',
    input: z.strictObject(receiptTarget),
    result: z.object({ documentNo: z.string(), printNo: z.number().int(), pdfBase64: z.string() }),
  },
  'deliveries.printReceipt': {
    access: 'clerk',
    summary: 'Prints the 领取回执 (roll or A4) to the given printer or the one set for deliveries. Journaled.',
    input: z.strictObject({ ...receiptTarget, printer: z.string().trim().min(1).max(127).optional() }),
    result: z.object({ documentNo: z.string(), printNo: z.number().int(), printer: z.string(), jobId: z.string() }),
  },
} as const satisfies Record<string, HandlerSpec>;
