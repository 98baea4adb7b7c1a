import { z } from 'zod';
import { unstorableAt } from '../applicant/text.js';
import { MATERIAL_FORMS } from '../catalog/schema.js';

/**
 * What the counter sends for each outcome. The applicant is checked here only for its kind; the handler
 * validates it in full with core/applicant's `applicantSchema(today)`, which needs the terminal's date.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => unstorableAt(s) < 0, { message: 'text_unstorable: holds a character no store can keep (U+0000, or a broken character)', params: { code: 'text_unstorable' } });

export const materialMarkSchema = z.discriminatedUnion('status', [
  z.strictObject({
    entryId: z.string().min(1),
    status: z.literal('received'),
    form: z.enum(MATERIAL_FORMS),
    copies: z.number().int().min(1).max(99),
    pages: z.number().int().min(0).max(9999),
  }),
  z.strictObject({ entryId: z.string().min(1), status: z.literal('exempt'), reason: text(2, 200).describe('e.g. the e-certificate number') }),
  z.strictObject({ entryId: z.string().min(1), status: z.literal('missing') }),
  z.strictObject({ entryId: z.string().min(1), status: z.literal('to_correct'), problem: text(2, 500).describe('what is wrong with it') }),
]);
export type MaterialMark = z.output<typeof materialMarkSchema>;

export const targetSchema = z.union([
  z.strictObject({ itemCodes: z.array(z.string().min(1)).min(1).max(20) }),
  z.strictObject({ bundleCode: z.string().min(1) }),
]);
export type IntakeTarget = z.output<typeof targetSchema>;

export const applicantShape = z
  .looseObject({ kind: z.enum(['person', 'organisation']) })
  .describe('A person or an organisation; full format in core/applicant/schema.ts (ID types, USCC, agent, usccOverride).');

const base = {
  intakeId: z.uuid().describe('Made by the counter when the intake starts; a second submission of it is refused.'),
  applicant: applicantShape,
  target: targetSchema,
  materials: z.array(materialMarkSchema).max(500),
  /** Password of the supervisor named in applicant.usccOverride.supervisor, who signs off at the counter. */
  supervisorPassword: z.string().max(200).optional(),
};

export const acceptInputSchema = z.strictObject({
  ...base,
  gaps: z
    .strictObject({
      promisedDate: isoDate.describe('The date the applicant commits to supply the missing materials by.'),
      commitmentSigned: z.literal(true),
    })
    .optional()
    .describe('容缺受理: accept with non-key materials missing, against a signed commitment.'),
});

export const correctionInputSchema = z.strictObject({
  ...base,
  deadline: isoDate.describe('The date by which the applicant must supply or correct the materials.'),
});

export const rejectInputSchema = z.strictObject({
  ...base,
  reason: text(4, 1000),
  competentAuthority: text(2, 200).describe('Where to apply instead.'),
});

export const completeInputSchema = z.strictObject(base);

export type AcceptInput = z.output<typeof acceptInputSchema>;
export type CorrectionInput = z.output<typeof correctionInputSchema>;
export type RejectInput = z.output<typeof rejectInputSchema>;
export type CompleteInput = z.output<typeof completeInputSchema>;
/** The outcome an intake ends in (core/intake/outcomes.ts holds the list). */
export type { CaseOutcome as IntakeOutcome } from './outcomes.js';
