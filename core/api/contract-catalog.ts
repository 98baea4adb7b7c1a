import { z } from 'zod';
import { targetSchema } from '../intake/schema.js';
import { localized, type HandlerSpec } from './contract-common.js';

/** The service catalog: importing it, searching it, and the merged material checklist of a target. */
export const catalogContract = {
  'catalog.import': {
    access: 'admin',
    summary: 'Replaces the service catalog and calendar with a catalog file (resources/catalog/README.md). A bad file imports nothing and reports every error with its location.',
    input: z.strictObject({ catalog: z.unknown(), source: z.string().max(200).default('upload') }),
    result: z.object({
      imported: z.boolean(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
      items: z.number().int(),
      bundles: z.number().int(),
      years: z.array(z.number().int()),
    }),
  },
  'catalog.search': {
    access: 'clerk',
    summary: 'Service items and bundles by code, Chinese or English name, or pinyin initials (hkqr → 户口迁入).',
    input: z.strictObject({ query: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) }),
    result: z.array(
      z.object({ kind: z.enum(['item', 'bundle']), code: z.string(), name: localized, department: localized.optional(), matchedBy: z.string() }),
    ),
  },
  'catalog.checklist': {
    access: 'clerk',
    summary: 'The merged material checklist for items or a bundle (shared materials once), with the items’ kind, limits and fees.',
    input: z.strictObject({ target: targetSchema }),
    result: z.object({
      itemCodes: z.array(z.string()),
      bundleCode: z.string().nullable(),
      title: localized,
      items: z.array(
        z.object({ code: z.string(), name: localized, kind: z.enum(['immediate', 'promised']), legalLimitDays: z.number(), promisedLimitDays: z.number(), feeFen: z.number() }),
      ),
      entries: z.array(
        z.object({
          id: z.string(),
          name: localized,
          required: z.boolean(),
          key: z.boolean(),
          form: z.enum(['original', 'copy', 'original_and_copy']),
          copies: z.number().int(),
          exemptByCertificate: z.string().nullable(),
        }),
      ),
    }),
  },
} as const satisfies Record<string, HandlerSpec>;
