/**
 * The terminal's side of sync (main/sync/README.md). The app builds a SyncClient over its store
 * once the terminal is enrolled (enrollTerminal); readSyncStatus answers for a terminal without one.
 */
export { SyncClient, DEFAULT_PULL_EVERY_MS, type SyncClientOptions } from './client.js';
export { enrollTerminal, EnrollmentRefused, seqOffsetFor, type EnrollOptions, type Enrolled } from './enrollment.js';
export { readEnrollment, readSyncStatus, saveError, type Enrollment } from './state.js';
export { SyncFailure, type FailureKind } from './failure.js';
export { normalizeServerUrl, type FetchLike } from './http.js';
export { realTimers, type Timers, type TimerHandle } from './timers.js';
export type { BlobSource } from './blobs.js';
export { plainSealer, SEALED_PREFIX, type CredentialSealer } from './sealer.js';
