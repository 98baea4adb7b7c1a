import { z } from 'zod';
import type { EventName, HandlerName } from './names.js';

export type { EventName, HandlerName } from './names.js';

/**
 * The handler contract: every operation the UI can ask for, with a zod schema for its input and its
 * result. Both doors (Electron IPC and the host's HTTP API) validate against these same schemas, the
 * renderer derives its types from them, and docs/API.md is generated from them.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

const noInput = z.object({}).strict();

export const contract = {
  'app.info': {
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
  'settings.setLanguage': {
    summary: 'Sets the UI language of this terminal; kept in the store so it survives a restart. Journaled.',
    input: z.object({ language: languageSchema }).strict(),
    result: z.object({ language: languageSchema }),
  },
} as const satisfies Record<HandlerName, HandlerSpec>;

interface HandlerSpec {
  summary: string;
  input: z.ZodType;
  result: z.ZodType;
}

export type Contract = typeof contract;
export type HandlerInput<N extends HandlerName> = z.input<Contract[N]['input']>;
export type HandlerResult<N extends HandlerName> = z.output<Contract[N]['result']>;

export function isHandlerName(name: string): name is HandlerName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the back end to the renderer (SSE on the host, webContents.send in Electron). */
export const eventSchemas = {
  'settings.changed': z.object({ key: z.string() }),
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface AppEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
