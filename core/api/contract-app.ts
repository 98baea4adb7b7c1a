import { z } from 'zod';
import { languageSchema, login, noInput, staffRef, type HandlerSpec } from './contract-common.js';

/** The terminal itself: what it is (app.info), its journal's integrity (audit), and its first-run setup. */
export const appContract = {
  'app.info': {
    access: 'public',
    summary: 'What this terminal is: app version, terminal code, window, store file and schema version, UI language.',
    input: noInput,
    result: z.object({
      name: z.string(),
      version: z.string(),
      terminalCode: z.string().nullable().describe('Case-number prefix given at enrollment; null until set.'),
      windowNo: z.string().nullable(),
      hall: z.string().nullable(),
      district: z.string().nullable(),
      dbPath: z.string(),
      schemaVersion: z.number().int(),
      language: languageSchema,
      door: z.enum(['electron', 'host']).describe('Which door served the call.'),
    }),
  },
  'audit.verify': {
    access: 'public',
    summary: 'Walks the audit journal hash chain and reports whether every entry is intact.',
    input: noInput,
    result: z.object({
      ok: z.boolean(),
      checked: z.number().int().describe('Entries verified before the first break (all of them when ok).'),
      total: z.number().int(),
      brokenAt: z.number().int().optional().describe('seq of the first entry that fails.'),
      reason: z.enum(['hash_mismatch', 'link_broken', 'seq_gap']).optional(),
    }),
  },
  'setup.status': {
    access: 'public',
    summary: 'Whether this terminal still needs its first-run setup (no staff yet), and whether a catalog is loaded.',
    input: noInput,
    result: z.object({ needsSetup: z.boolean(), catalogLoaded: z.boolean() }),
  },
  'setup.init': {
    access: 'public',
    summary: 'First run only: sets the terminal code, window and district, creates the admin, optionally loads the sample catalog. Refused once staff exist.',
    input: z.strictObject({
      terminalCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,16}$/, 'letters and digits, 2 to 16'),
      // Printed as "12 号窗口": digits only (issue 13: "十二" was accepted).
      windowNo: z.string().trim().regex(/^\d{1,4}$/, 'digits, 1 to 4'),
      hall: z.string().trim().max(100).optional(),
      district: z.string().trim().min(1).max(50),
      admin: z.strictObject({ login, displayName: z.string().trim().min(1).max(50), password: z.string().max(200) }),
      loadSampleCatalog: z.boolean().default(true),
    }),
    result: z.object({ staff: staffRef }),
  },
} as const satisfies Record<string, HandlerSpec>;
