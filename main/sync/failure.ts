import type { SyncProblem } from '../../core/reasons.js';
import { RETRYABLE_CODES, type SyncErrorCode } from '../../sync/protocol/index.js';

/**
 * Why a sync step failed, and what the loop does about it:
 * - `retry`: transient (network, timeout, 5xx, the protocol's RETRYABLE_CODES): try again after a backoff;
 * - `attention`: a person must act (revoked, upgrade required, seq gap, a blob missing on this disk …):
 *   the loop stops until someone asks again (`syncNow`) or the app restarts.
 *
 * Codes are the protocol's (sync/protocol/errors.ts) where the server gave one, else local ones
 * (core/reasons.ts SYNC_PROBLEMS lists both, so the texts can be checked):
 * network, timeout, bad_response, http_<status>, blob_unavailable, blob_refused, push_stalled,
 * pull_stalled, unknown_command, bad_change, apply_failed.
 */
export type FailureKind = 'retry' | 'attention';

export class SyncFailure extends Error {
  constructor(
    readonly code: SyncProblem,
    message: string,
    readonly kind: FailureKind,
    readonly httpStatus: number | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** Thrown (as the abort reason) when the client is stopped: not a failure to report. */
export class SyncStopped extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'SyncStopped';
  }
}

/** What an HTTP status and the server's code mean for the loop. */
export function kindOf(status: number, code: string | null): FailureKind {
  // A full quota does not empty itself: a person (IT) must raise it.
  if (code === 'blob_quota_exceeded') return 'attention';
  if (status >= 500 || status === 408 || status === 429) return 'retry';
  if (code !== null && RETRYABLE_CODES.has(code as SyncErrorCode)) return 'retry';
  return 'attention';
}

/** Any error thrown inside a sync step, as a SyncFailure (an unexpected one is a local bug or disk problem: retried). */
export function asFailure(err: unknown, fallbackCode: SyncProblem = 'apply_failed'): SyncFailure {
  if (err instanceof SyncFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SyncFailure(fallbackCode, message, 'retry');
}
