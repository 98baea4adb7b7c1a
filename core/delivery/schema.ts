import { z } from 'zod';
import { ID_DOC_TYPES } from '../applicant/documents.js';
import { textField } from '../applicant/text-schema.js';

/**
 * Who collects a result (出件) as the counter sends it: the applicant in person (their ID checked
 * against the case's), an agent (their own ID, and the 授权委托书 scanned into the delivery's batch), or
 * delivery by post (courier, tracking number, address). The ID numbers are checked in full by
 * rules.ts, which needs the day (core/applicant's validators).
 */
export const COLLECTOR_KINDS = ['applicant', 'agent', 'post'] as const;
export type CollectorKind = (typeof COLLECTOR_KINDS)[number];

const idNumber = z.string().trim().min(1).max(40);
export const courierSchema = textField({ prefix: 'courier', label: 'courier', maxCodePoints: 50 });
export const trackingNoSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (!/^[A-Za-z0-9-]{6,40}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'tracking_no_format: a tracking number is 6 to 40 letters, digits or -', params: { code: 'tracking_no_format' } });
  });
export const postAddressSchema = textField({ prefix: 'address', label: 'address', maxCodePoints: 300 });
export const reasonSchema = textField({ prefix: 'reason', label: 'reason', maxCodePoints: 500, minCodePoints: 4 });

export const collectorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('applicant'),
    idType: z.enum(ID_DOC_TYPES),
    idNumber,
    /** Read from the ID card by a reader rather than typed: journaled, so an audit can tell the two apart. */
    read: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('agent'),
    name: z.string(),
    idType: z.enum(ID_DOC_TYPES),
    idNumber,
    read: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('post'),
    courier: courierSchema,
    trackingNo: trackingNoSchema,
    address: postAddressSchema,
  }),
]);
export type CollectorInput = z.output<typeof collectorSchema>;

/** A supervisor lets a collector whose ID does not match take the result; journaled under their name. */
export const collectorOverrideSchema = z.strictObject({
  supervisor: z.string().trim().min(1).max(32),
  reason: reasonSchema,
});
export type CollectorOverride = z.output<typeof collectorOverrideSchema>;
