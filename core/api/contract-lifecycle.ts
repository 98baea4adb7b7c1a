import { z } from 'zod';
import { reasonSchema } from '../delivery/schema.js';
import { localized, type HandlerSpec } from './contract-common.js';

/**
 * The life of a case after the counter, besides delivery (issue 14): corrections (补正) waiting for the
 * applicant to come back, and the materials promised under 容缺受理. A correction is answered by a new
 * intake naming it (`resubmissionOf` in cases.accept and the other outcomes), which closes it.
 */
const caseNo = z.string().trim().min(1).max(40);

const correctionRow = z.object({
  caseNo: z.string(),
  title: localized,
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  receivedAt: z.string(),
  deadline: z.string(),
  daysLeft: z.number().int().describe('Natural days to the deadline; negative when overdue.'),
  toSupply: z.array(z.string()).describe('The materials to supply or correct, by name.'),
});

const promiseRow = z.object({
  caseNo: z.string(),
  title: localized,
  applicantName: z.string(),
  entryId: z.string(),
  material: z.string(),
  promisedDate: z.string(),
  daysLeft: z.number().int().describe('Natural days to the promised date; negative when overdue.'),
});

export const lifecycleContract = {
  'corrections.list': {
    access: 'clerk',
    summary: 'Correction cases (补正) not answered yet: awaiting the applicant (deadline today or later, soonest first) or overdue (the longest overdue first).',
    input: z.strictObject({ state: z.enum(['awaiting', 'overdue']), limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(correctionRow),
  },
  'corrections.carryOver': {
    access: 'clerk',
    summary: 'What a resubmission of a correction case starts from: its applicant, target, and the marks of the materials it received (scans carry over at submission); refused for a case that is not an open correction.',
    input: z.strictObject({ caseNo }),
    result: z.object({
      caseNo: z.string(),
      applicant: z.record(z.string(), z.unknown()),
      target: z.union([z.object({ itemCodes: z.array(z.string()) }), z.object({ bundleCode: z.string() })]),
      received: z.array(z.object({ entryId: z.string(), form: z.string().nullable(), copies: z.number().int().nullable(), pages: z.number().int().nullable(), scannedPages: z.number().int() })),
      toSupply: z.array(z.object({ entryId: z.string(), name: z.string(), note: z.string().nullable() })),
    }),
  },
  'promises.list': {
    access: 'clerk',
    summary: 'Materials promised under 容缺受理 and not recorded yet: due within `withinDays` (default 3) or overdue.',
    input: z.strictObject({ state: z.enum(['due', 'overdue']), withinDays: z.number().int().min(0).max(60).default(3), limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(promiseRow),
  },
  'promises.receive': {
    access: 'clerk',
    summary: 'Records a promised 容缺 material as received: its pages scanned into the batch `recordId` become one PDF of the case. Journaled and queued.',
    input: z.strictObject({ caseNo, entryId: z.string().trim().min(1).max(100), recordId: z.uuid().describe('Made by the counter; also the scan batch of the material.') }),
    result: z.object({ caseNo: z.string(), entryId: z.string(), pages: z.number().int() }),
  },
  'promises.fail': {
    access: 'clerk',
    summary: 'Closes an overdue 容缺 promise as failed, with a reason; the back office is told through the centre. Journaled and queued.',
    input: z.strictObject({ caseNo, entryId: z.string().trim().min(1).max(100), recordId: z.uuid(), reason: reasonSchema }),
    result: z.object({ caseNo: z.string(), entryId: z.string(), failed: z.literal(true) }),
  },
} as const satisfies Record<string, HandlerSpec>;
