import { z } from 'zod';
import { DOCUMENT_KINDS } from '../notices/kinds.js';
import { languageSchema, type HandlerSpec } from './contract-common.js';

/** The kinds of document a printer is chosen for: the four notices, the 领取回执, and payment slips. */
export const PRINTED_KINDS = ['accepted', 'correction', 'rejected', 'completed', 'delivery', 'payment'] as const;

/** Terminal settings kept in the store (the scan settings are in contract-scans.ts, beside the scanner). */
export const settingsContract = {
  'settings.setLanguage': {
    access: 'public',
    summary: 'Sets the UI language of this terminal; kept in the store so it survives a restart. Journaled.',
    input: z.object({ language: languageSchema }).strict(),
    result: z.object({ language: languageSchema }),
  },
  'settings.setIdleLock': {
    access: 'admin',
    summary: 'Sets after how many idle minutes the screen locks (1 to 120). Journaled.',
    input: z.strictObject({ minutes: z.number().int().min(1).max(120) }),
    result: z.object({ minutes: z.number().int() }),
  },
  'settings.setPrinter': {
    access: 'supervisor',
    summary: `Chooses the printer for one kind of document (${DOCUMENT_KINDS.join(', ')}). Journaled.`,
    input: z.strictObject({ kind: z.enum(DOCUMENT_KINDS), printer: z.string().trim().min(1).max(127) }),
    result: z.object({ kind: z.string(), printer: z.string() }),
  },
} as const satisfies Record<string, HandlerSpec>;

export const settingsEventSchemas = {
  'settings.changed': z.object({ key: z.string() }),
} as const;
