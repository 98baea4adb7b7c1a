import { z } from 'zod';
import { CASE_OUTCOMES } from '../intake/outcomes.js';
import { acceptInputSchema, completeInputSchema, correctionInputSchema, rejectInputSchema } from '../intake/schema.js';
import { localized, type HandlerSpec } from './contract-common.js';
import { centralStatusDetailSchema, centralStatusSchema } from './contract-sync.js';

/** Intake (the four outcomes), returning applicants, and the cases this terminal holds. */
const caseOutcome = z.enum(CASE_OUTCOMES);
const caseSummary = z.object({
  caseNo: z.string(),
  outcome: caseOutcome,
  withGaps: z.boolean(),
  title: localized,
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  receivedAt: z.string(),
  dueDate: z.string().nullable(),
  deadline: z.string().nullable(),
  feeFen: z.number().int(),
  central: centralStatusSchema.nullable().describe('The back office’s progress (pulled from the centre); null until the centre has said anything.'),
});
const caseMaterial = z.object({
  entryId: z.string(),
  name: z.string(),
  required: z.boolean(),
  status: z.enum(['received', 'exempt', 'missing', 'to_correct']),
  form: z.string().nullable(),
  copies: z.number().int().nullable(),
  pages: z.number().int().nullable(),
  note: z.string().nullable(),
  promisedDate: z.string().nullable(),
  scannedPages: z.number().int().describe('Scanned pages attached to this material (assembled into one PDF).'),
});
const journalEntry = z.object({ seq: z.number().int(), at: z.string(), actor: z.string().nullable(), action: z.string(), details: z.string() });

export const casesContract = {
  'applicants.find': {
    access: 'clerk',
    summary: 'A returning applicant by ID document number (or credit code), to prefill the form; null when unknown.',
    input: z.strictObject({ idNumber: z.string().trim().min(1).max(40) }),
    result: z.object({ applicant: z.record(z.string(), z.unknown()).nullable() }),
  },
  'cases.accept': {
    access: 'clerk',
    summary: '受理: accepts a case (every required material received or exempt, or 容缺 with a promised date); due date through the working-day calendar.',
    input: acceptInputSchema,
    result: caseSummary,
  },
  'cases.requestCorrection': {
    access: 'clerk',
    summary: '补正: records the case with every material to supply or correct and a deadline (一次性告知).',
    input: correctionInputSchema,
    result: caseSummary,
  },
  'cases.reject': {
    access: 'clerk',
    summary: '不予受理: refuses the case with the reason and the competent authority to apply to instead.',
    input: rejectInputSchema,
    result: caseSummary,
  },
  'cases.complete': {
    access: 'clerk',
    summary: '即办: a 即办件 done on the spot, all required materials present.',
    input: completeInputSchema,
    result: caseSummary,
  },
  'cases.list': {
    access: 'clerk',
    summary: 'Cases of a day (default today), newest first; query matches case number, applicant name or ID number.',
    input: z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), query: z.string().trim().max(100).optional(), outcome: caseOutcome.optional() }),
    result: z.array(caseSummary),
  },
  'cases.find': {
    access: 'clerk',
    summary: 'Cases of any day by exact case number or applicant ID number.',
    input: z.strictObject({ query: z.string().trim().min(1).max(40) }),
    result: z.array(caseSummary),
  },
  'cases.get': {
    access: 'clerk',
    summary: 'One case in full: applicant, items, materials, and its journal.',
    input: z.strictObject({ caseNo: z.string().trim().min(1).max(40) }),
    result: caseSummary.extend({
      applicant: z.record(z.string(), z.unknown()),
      itemCodes: z.array(z.string()),
      bundleCode: z.string().nullable(),
      materials: z.array(caseMaterial),
      rejectReason: z.string().nullable(),
      competentAuthority: z.string().nullable(),
      staff: z.string(),
      windowNo: z.string().nullable(),
      journal: z.array(journalEntry),
      central: centralStatusDetailSchema.nullable(),
      timeline: z
        .array(
          z.object({
            step: z.string().describe('The intake outcome, then in_review, decided, ready_for_delivery, delivered (any window), delivered_here (waiting for the centre), delivery_refused, resubmitted.'),
            at: z.string(),
            by: z.string().nullable(),
            where: z.string().nullable().describe('The window: this one for the intake; "<terminal> / <window>" for a delivery.'),
            note: z.string().nullable().describe('A delivery: who collected (self, agent, post…); a refusal: the centre’s reason; a resubmission: the new case.'),
          }),
        )
        .describe('The case’s life, oldest first: the intake, the back office’s steps, the delivery wherever it was made.'),
    }),
  },
} as const satisfies Record<string, HandlerSpec>;

export const casesEventSchemas = {
  'cases.changed': z.object({ caseNo: z.string() }),
} as const;
