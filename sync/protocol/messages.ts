import { z } from 'zod';

/**
 * Wire shapes of the terminal API (all JSON; blobs are raw bytes). Both sides parse with these
 * schemas: the server every request, the client every response. See sync/README.md for the flow.
 */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lowercase hex');
const ed25519PublicKeyHex = z.string().regex(/^[0-9a-f]{64}$/, 'an Ed25519 public key in hex (32 bytes)');

// ---- Enrollment: POST /v1/enroll (no credential; the one-time code is the proof) ----
export const enrollRequestSchema = z.strictObject({
  code: z.string().trim().min(6).max(64),
  /** The key that signs this terminal's notice QR codes (main/notices/keys.ts). */
  publicKey: ed25519PublicKeyHex,
  /** Free text for IT: the machine's host name or asset tag. */
  label: z.string().trim().max(100).default(''),
  /**
   * The terminal code this store's cases already carry, if any: the server refuses a code made for
   * another terminal code (`enrollment_invalid`, reason `terminal_code_mismatch`) WITHOUT spending it,
   * since case numbers never change prefix. Optional and additive: older terminals leave it out.
   */
  expectTerminalCode: z.string().trim().min(1).max(40).optional(),
  /**
   * The terminal continues its terminal code's numbering (sync/README.md, "Enrollment"): the new
   * terminal's seqs go on from the code's last seq (`lastSeq` in the answer) instead of starting at 1,
   * so a store enrolled again re-sends its unacknowledged commands under the seqs the centre already
   * knows (answered `duplicate`, never applied twice), and the answer hands over the code's case
   * counters so a replacement machine does not issue 0001 again. Optional and additive: without it, an
   * older terminal gets the old behaviour (seqs from 1).
   */
  continueNumbering: z.boolean().optional(),
});
export const enrollResponseSchema = z.object({
  terminalId: z.uuid(),
  /** The case-number prefix (`T3101040007`: letters and digits, core's TERMINAL_CODE_PATTERN), set by IT when the code was made. */
  terminalCode: z.string(),
  windowNo: z.string().nullable(),
  hall: z.string().nullable(),
  district: z.string().nullable(),
  /** Secret for `authorization: Bearer <credential>`; shown once, stored only hashed on the server. */
  credential: z.string(),
  /** With `continueNumbering`: the terminal code's last seq; this terminal's next command is lastSeq + 1. */
  lastSeq: z.number().int().min(0).optional(),
  /** With `continueNumbering`: the terminal whose seqs this one continues (the code's newest before it), null for the first. */
  predecessorId: z.uuid().nullable().optional(),
  /** With `continueNumbering`: the highest case-number sequence the centre knows per day (YYYY-MM-DD) for this terminal code. */
  caseCounters: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type EnrollRequest = z.input<typeof enrollRequestSchema>;
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ---- Push: POST /v1/push ----
export const commandSchema = z.strictObject({
  /** The terminal's outbox sequence number: 1, 2, 3, … never reused, never skipped. */
  seq: z.number().int().min(1),
  /**
   * One of COMMAND_NAMES (commands.ts), but any name-like string passes here: a command the server
   * does not know is refused on its own (`command_unknown`, lastSeq advances), not the whole batch.
   */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a command name (letters, digits, _)'),
  /** The command's own arguments; the server parses them with the name's schema (commands.ts), then judges them with core's rules. */
  args: z.record(z.string(), z.unknown()),
  /** Blobs (scanned pages) the command references; each must be uploaded first. */
  blobs: z.array(sha256Hex).max(2000).default([]),
  /** The terminal's clock when the command was made: informative only; the server orders. */
  createdAt: z.string(),
  /**
   * The command's stable id, made with it (identity.ts): the centre never applies one id twice, even
   * under another seq (a terminal enrolled again). Optional: older terminals send none.
   */
  id: z.uuid().optional(),
  /** `commandHash(name, args)`: the centre checks it against what arrived, and a seq it holds against it (a fork). */
  hash: sha256Hex.optional(),
});
export type Command = z.input<typeof commandSchema>;

export const MAX_PUSH_COMMANDS = 500;
/** An audit journal entry's place and hash (core/audit/chain.ts): the newest, when sent with a push. */
export const auditHeadSchema = z.object({ seq: z.number().int().min(0), hash: sha256Hex });
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const pushRequestSchema = z.strictObject({
  terminalId: z.uuid(),
  commands: z.array(commandSchema).min(1).max(MAX_PUSH_COMMANDS),
  /**
   * The terminal's audit journal head as it pushes. The centre keeps the last one it acknowledged and
   * hands it back in `/v1/state`, so a journal whose newest entries were removed after that (which
   * its hash chain alone cannot show) is caught at the next sync. Optional and additive.
   */
  audit: auditHeadSchema.optional(),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

export const commandResultSchema = z.object({
  seq: z.number().int(),
  /**
   * applied now; duplicate: applied before and skipped (seq ≤ lastSeq with the same hash, or an id the
   * centre holds under another seq: `code` command_id_known, `duplicateOf` that seq); rejected: refused
   * for a business reason (lastSeq advances).
   */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.string().optional(),
  reason: z.string().optional(),
  duplicateOf: z.number().int().optional(),
});
export const pushResponseSchema = z.object({
  /** The terminal's last applied (or rejected) seq after this push: the client deletes its outbox up to here. */
  lastSeq: z.number().int(),
  results: z.array(commandResultSchema),
  /** Set when applying stopped before the end because a command's blobs are not on the server yet. */
  blocked: z.object({ seq: z.number().int(), code: z.literal('blob_missing'), hashes: z.array(sha256Hex) }).optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

// ---- State: GET /v1/state ----
/**
 * What the centre holds of this terminal, asked at the start of every sync cycle (additive: an older
 * centre answers 404 and the client goes on without it). `lastSeq` is the terminal's last applied
 * seq: a store that made fewer is behind (restored from a backup, or a replacement machine) and
 * recovers the rest (`/v1/recover`) before it takes a new case.
 */
export const stateResponseSchema = z.object({
  terminalId: z.uuid(),
  terminalCode: z.string(),
  lastSeq: z.number().int().min(0),
  /** The newest change seq this terminal can pull (its checkpoint after pulling everything). */
  head: z.number().int().min(0),
  /** This centre's database, made once: another id is another centre. */
  databaseId: z.uuid().optional(),
  /**
   * Raised by IT after restoring the centre's database from a backup: a terminal that saw another
   * epoch pulls from 0 and sends again what the centre lacks (its checkpoint and acknowledgements
   * are of a history the centre no longer has).
   */
  epoch: z.number().int().min(1).optional(),
  /** The audit journal head this terminal sent with its last acknowledged push (null: none yet). */
  audit: auditHeadSchema.nullable().optional(),
});
export type StateResponse = z.infer<typeof stateResponseSchema>;

// ---- Recover: POST /v1/recover ----
/**
 * The centre as the terminal's backup: this terminal code's commands after `afterSeq` as the centre
 * received them (applied or refused), in seq order, with their args, so a store that lost them
 * replays them (cases, notices, counters). Up to the terminal's `lastSeq`; seqs handed over at
 * enrollment are its predecessors'.
 */
export const MAX_RECOVER_LIMIT = 2000;
export const recoverRequestSchema = z.strictObject({
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_RECOVER_LIMIT).default(500),
});
export const recoveredCommandSchema = z.object({
  seq: z.number().int().min(1),
  id: z.string().nullable(),
  hash: z.string().nullable(),
  name: z.string(),
  /** duplicate: the same command as an earlier seq (never applied); args null. */
  status: z.enum(['applied', 'rejected', 'duplicate']),
  code: z.string().nullable(),
  reason: z.string().nullable(),
  args: z.record(z.string(), z.unknown()).nullable(),
  blobs: z.array(z.string()),
  createdAt: z.string(),
});
export type RecoveredCommand = z.infer<typeof recoveredCommandSchema>;
export const recoverResponseSchema = z.object({
  commands: z.array(recoveredCommandSchema),
  /** The terminal's last seq: recover again after the last command while `more`. */
  lastSeq: z.number().int().min(0),
  more: z.boolean(),
});
export type RecoverResponse = z.infer<typeof recoverResponseSchema>;

// ---- Pull: POST /v1/pull ----
/**
 * What the server sends down. One row per (kind, key): a newer version replaces the older, so a pull
 * returns each thing's latest state once (`data: null` is a tombstone: the thing was withdrawn).
 * - `catalog` (key `current`): the whole catalog file, calendar included (core/catalog/schema.ts);
 * - `case_status` (key caseNo): the back office's progress on one of this terminal's cases;
 * - `rejection` (key `<seq>`): a command of this terminal the server refused, with the reason;
 * - `terminal_key` (key terminalCode): a terminal's notice-signing public key and whether it is revoked,
 *   so any window can verify any window's QR codes offline.
 */
export const CHANGE_KINDS = ['catalog', 'case_status', 'rejection', 'terminal_key'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CASE_STATUSES = ['received', 'in_review', 'decided', 'ready_for_delivery', 'delivered'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const caseStatusDataSchema = z.object({
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  /** Set once decided. */
  decision: z.enum(['approved', 'not_approved']).nullable(),
  note: z.string().nullable(),
  /** The result document (a PDF blob), when the back office attached one. */
  resultDocument: z.object({ name: z.string(), sha256: sha256Hex }).nullable(),
  /** Server time of the change. */
  at: z.string(),
  by: z.string(),
});
export const rejectionDataSchema = z.object({
  seq: z.number().int(),
  name: z.string(),
  caseNo: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
  at: z.string(),
});
export const terminalKeyDataSchema = z.object({ terminalCode: z.string(), publicKey: z.string(), revokedAt: z.string().nullable() });

export const changeSchema = z.object({
  /** Server-assigned, increasing; the checkpoint is the highest seq received. */
  seq: z.number().int(),
  kind: z.enum(CHANGE_KINDS),
  key: z.string(),
  data: z.unknown().nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const MAX_PULL_LIMIT = 5000;
export const pullRequestSchema = z.strictObject({
  checkpoint: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
});
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Give this back on the next pull. Equal to the request's when nothing changed. */
  checkpoint: z.number().int(),
  /** More changes wait beyond this page: pull again at once. */
  more: z.boolean(),
});
export type PullRequest = z.input<typeof pullRequestSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ---- Blobs: HEAD/PUT /v1/blobs/<sha256> ----
/**
 * Resumable upload in chunks: `HEAD` answers 200 when the blob is complete, else 404 with header
 * `upload-offset` (bytes the server holds of an unfinished upload, 0 when none). `PUT` sends a chunk
 * (`content-type: application/octet-stream`) with headers `upload-offset` (where the chunk starts;
 * must equal the server's offset, else 409 `blob_offset`) and `upload-length` (the blob's total size).
 * When the last byte arrives the server hashes the whole and answers 201, or 422 `blob_mismatch` and
 * forgets the upload. A blob already complete answers 200 to any PUT (deduplicated).
 */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';
export const MAX_BLOB_BYTES = 200 * 1024 * 1024;
export const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

// ---- Poke: GET /v1/events (server-sent events) ----
/** `event: poke` with data `{"checkpoint": n}`: the server has changes up to n; pull when yours is lower. */
export const pokeSchema = z.object({ checkpoint: z.number().int() });
