import { z } from 'zod';
import type { HandlerSpec } from './contract-common.js';

/**
 * Sync handlers (issue 6): this terminal's link to the central service. The commands the counter
 * makes wait in the outbox until the centre has them; the centre sends down the catalog, the back
 * office's progress on each case, and the commands it refused (rejections a person must look at).
 * The renderer shows `sync.status` and follows `sync.changed`.
 */

/** The back office's steps for an accepted case (sync/protocol CASE_STATUSES; core does not import sync). */
export const CENTRAL_CASE_STATUSES = ['received', 'in_review', 'decided', 'ready_for_delivery', 'delivered'] as const;
export type CentralCaseStatus = (typeof CENTRAL_CASE_STATUSES)[number];

/** What the case list shows of the centre's progress on a case; null until the centre has said anything. */
export const centralStatusSchema = z
  .object({
    status: z.enum(CENTRAL_CASE_STATUSES),
    decision: z.enum(['approved', 'not_approved']).nullable().describe('Set once decided.'),
    note: z.string().nullable(),
    at: z.string().describe("The centre's time of this step (server clock)."),
  })
  .describe("The back office's progress on the case, as last pulled from the centre.");

/** The case detail adds who moved it and the result document. */
export const centralStatusDetailSchema = centralStatusSchema.extend({
  by: z.string(),
  resultDocument: z.object({ name: z.string(), sha256: z.string() }).nullable(),
});

export const syncErrorSchema = z.object({
  code: z.string().describe('Stable: a protocol code (terminal_revoked, upgrade_required, seq_gap, unavailable …) or a local one (network, timeout, blob_unavailable, apply_failed …).'),
  message: z.string(),
  at: z.string(),
  needsAttention: z.boolean().describe('true: sync has stopped until a person acts (then sync.now); false: it retries by itself.'),
});

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  terminalId: z.string().nullable(),
  terminalCode: z.string().nullable(),
  connection: z.enum(['online', 'offline', 'unknown']).describe('online: the last exchange with the centre worked; unknown: nothing tried yet (or not enrolled).'),
  syncing: z.boolean().describe('A push or pull is running right now.'),
  waiting: z.number().int().describe('Commands in the outbox, not yet acknowledged by the centre.'),
  oldestWaitingSince: z.string().nullable().describe("When the oldest waiting command was made (this terminal's clock)."),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  lastSyncAt: z.string().nullable().describe('The last time a full push and pull both succeeded.'),
  nextRetryAt: z.string().nullable().describe('When the next automatic retry runs, after a failure.'),
  error: syncErrorSchema.nullable().describe('The current problem, or null when the last attempt succeeded.'),
  rejectionsToHandle: z.number().int().describe('Commands the centre refused that no supervisor has acknowledged yet.'),
  behind: z
    .object({ holds: z.number().int(), centre: z.number().int() })
    .nullable()
    .optional()
    .describe('Set while this store is behind the centre (restored from a backup, a replacement machine): it holds commands up to `holds`, the centre up to `centre`, and gets the rest; new cases are refused (store_behind) until then.'),
});
export type SyncStatus = z.output<typeof syncStatusSchema>;

const rejectionSchema = z.object({
  id: z.number().int().describe("This terminal's outbox seq of the refused command (acknowledge by it)."),
  seq: z.number().int().describe("The command's seq at the centre."),
  name: z.string().describe('The command: acceptCase, printNotice, …'),
  caseNo: z.string().nullable(),
  code: z.string().describe("The centre's reason code (case_no_duplicate, invalid_args, case_unknown …)."),
  reason: z.string(),
  at: z.string(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});

export const syncContract = {
  'sync.status': {
    access: 'clerk',
    summary: "The link to the central service: enrolled or not, online or offline, commands waiting (and since when), last successful sync, the current problem, rejections to handle.",
    input: z.strictObject({}),
    result: syncStatusSchema,
  },
  'sync.now': {
    access: 'clerk',
    summary: 'Pushes waiting commands and pulls the centre’s changes now (also after a problem that needed a person); returns the status afterwards. Refused when not enrolled (not_enrolled).',
    input: z.strictObject({}),
    result: syncStatusSchema,
  },
  'sync.enroll': {
    access: 'admin',
    summary: "Enrolls this terminal with the central service using IT's one-time code: sets the terminal code, window, hall and district from the answer and starts syncing. Refused when this store has cases under another terminal code (terminal_code_mismatch). Journaled (never the credential).",
    input: z.strictObject({
      serverUrl: z.url({ protocol: /^https?$/ }).max(500).describe('The central service, e.g. https://central.example.gov.cn'),
      code: z.string().trim().min(6).max(64),
      label: z.string().trim().max(100).optional().describe('For IT: the machine’s name or asset tag.'),
    }),
    result: z.object({
      terminalId: z.string(),
      terminalCode: z.string(),
      windowNo: z.string().nullable(),
      hall: z.string().nullable(),
      district: z.string().nullable(),
      status: syncStatusSchema,
    }),
  },
  'sync.rejections': {
    access: 'clerk',
    summary: 'Commands the centre refused, newest first, with its reason code and text and the case they concern.',
    input: z.strictObject({ include: z.enum(['open', 'all']).default('open'), limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(rejectionSchema),
  },
  'sync.acknowledgeRejection': {
    access: 'supervisor',
    summary: 'Marks one rejection as handled (after the case was put right at the counter). Journaled.',
    input: z.strictObject({ id: z.number().int().min(1), note: z.string().trim().max(500).optional() }),
    result: rejectionSchema,
  },
  'sync.unavailableBlobs': {
    access: 'clerk',
    summary: 'Material documents that waiting commands must send but that this machine can neither read nor make again from its page images (sync stops on them: blob_unavailable), with the case each belongs to.',
    input: z.strictObject({}),
    result: z.array(
      z.object({
        sha256: z.string(),
        caseNo: z.string().nullable(),
        entryId: z.string().nullable(),
        material: z.string().nullable().describe("The material's name on the case's checklist."),
      }),
    ),
  },
  'sync.waiveBlob': {
    access: 'supervisor',
    summary: "Sends the waiting commands that need this unreadable material document without it: the centre stops waiting for it and flags the case (missingDocuments) for the back office to ask the applicant again. Only for a document listed by sync.unavailableBlobs (else blob_available / blob_not_waiting). Journaled with the supervisor's note.",
    input: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), note: z.string().trim().min(4).max(500).describe('Why, for the back office: what happened to the document.') }),
    result: z.object({ sha256: z.string(), commands: z.number().int().describe('Waiting commands now sent without it.') }),
  },
} as const satisfies Record<string, HandlerSpec>;

export const syncEventSchemas = {
  'sync.changed': syncStatusSchema,
} as const;
