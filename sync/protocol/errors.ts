import { z } from 'zod';

/**
 * Stable error codes of the central service, in the body of every 4xx/5xx as
 * `{ error: { code, message, ...details } }`. The client decides by code, never by message:
 * - a code in `RETRYABLE_CODES` (and any 5xx or network failure) is retried with backoff;
 * - every other code needs a person (IT or the clerk) and stops the sync loop until it is handled.
 */
export const SYNC_ERROR_CODES = [
  'upgrade_required', // 426: protocol versions differ; details: serverVersion
  'unauthenticated', // 401: no or unknown credential
  'terminal_revoked', // 403: the terminal was revoked by IT
  'foreign_terminal', // 403: a push for another terminal than the credential's
  'enrollment_invalid', // 400: enrollment code unknown, used or expired
  'invalid_request', // 400: malformed JSON or a body of the wrong shape; details: issues
  'body_too_large', // 413
  'seq_gap', // 409: commands must continue from lastSeq + 1; details: expected
  'store_forked', // 409: a seq the centre holds came with other content: the store went back (a backup) and on; details: seq. Nothing applied; IT must look
  'blob_mismatch', // 422: the uploaded bytes do not hash to the name they were sent under
  'blob_offset', // 409: a chunk does not start where the stored upload ends; details: offset
  'blob_quota_exceeded', // 507: this terminal's blobs would exceed its quota at the centre; details: quotaBytes, usedBytes. IT must raise it
  'not_found', // 404
  'forbidden', // 403: the credential may not do this (an office call without the office token)
  'unavailable', // 503: the service is starting or its database is unreachable
  'internal', // 500
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const RETRYABLE_CODES: ReadonlySet<SyncErrorCode> = new Set(['unavailable', 'internal']);

export const errorBodySchema = z.object({
  error: z.looseObject({ code: z.enum(SYNC_ERROR_CODES), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
