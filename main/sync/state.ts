import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../core/api/contract-sync.js';
import { DomainError } from '../../core/result.js';
import { stmt } from '../db/statements.js';
import type { SyncFailure } from './failure.js';

/** The enrolled terminal's link, as migration 005 stores it in `sync_state`. */
export interface Enrollment {
  serverUrl: string;
  terminalId: string;
  terminalCode: string;
  credential: string;
  /** protocol seq = outbox seq − seqOffset (fixed at enrollment). */
  seqOffset: number;
  enrolledAt: string;
}

interface StateRow {
  server_url: string;
  terminal_id: string;
  terminal_code: string;
  credential: string;
  seq_offset: number;
  enrolled_at: string;
  checkpoint: number;
  acked_seq: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_sync_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: string | null;
  needs_attention: number;
  recover_after: number | null;
  recover_until: number | null;
  centre_database_id: string | null;
  centre_epoch: number | null;
}

function row(db: Database): StateRow | undefined {
  return stmt<StateRow>(db, 'SELECT * FROM sync_state WHERE id = 1').get();
}

export function readEnrollment(db: Database): Enrollment | null {
  const r = row(db);
  return r ? { serverUrl: r.server_url, terminalId: r.terminal_id, terminalCode: r.terminal_code, credential: r.credential, seqOffset: r.seq_offset, enrolledAt: r.enrolled_at } : null;
}

/** The highest outbox seq this store ever handed out (AUTOINCREMENT keeps it in sqlite_sequence). */
export function highestOutboxSeq(db: Database): number {
  return stmt<{ seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq ?? 0;
}

/** Moves the outbox's sequence on to `seq` (never back), so the next command is seq + 1. */
export function raiseOutboxSequence(db: Database, seq: number): void {
  if (seq <= highestOutboxSeq(db)) return;
  if (stmt(db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(seq).changes === 0) {
    stmt(db, "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(seq);
  }
}

/** The recovery under way (main/sync/recover.ts): replayed up to `after`, the centre holds up to `until`. */
export function readRecovery(db: Database): { after: number; until: number } | null {
  const r = row(db);
  return r && r.recover_until !== null ? { after: r.recover_after ?? 0, until: r.recover_until } : null;
}

/** Inside the caller's transaction: the store is behind the centre; new cases wait until it caught up. */
export function saveRecovery(db: Database, recovery: { after: number; until: number } | null): void {
  stmt(db, 'UPDATE sync_state SET recover_after = ?, recover_until = ? WHERE id = 1').run(recovery?.after ?? null, recovery?.until ?? null);
}

/**
 * Inside an intake's transaction: a store behind the centre (restored from a backup, a replacement
 * machine) takes no new case until it has recovered what the centre holds, since the case's number
 * (and its seq) would be one the centre already gave to another case.
 */
export function refuseWhileBehind(db: Database): void {
  const behind = readRecovery(db);
  if (!behind) return;
  throw new DomainError(
    'unavailable',
    `this store is behind the central service (it holds commands up to ${behind.after}, the centre up to ${behind.until}: restored from a backup, or a new machine); it is getting the rest from the centre. Take new cases once sync has caught up.`,
    undefined,
    'store_behind',
  );
}

/** What this store knows of the centre's history: who it is, how far it pulled, what it had acknowledged. */
export function readCentreView(db: Database): { databaseId: string | null; epoch: number | null; checkpoint: number; ackedSeq: number } {
  const r = row(db);
  return { databaseId: r?.centre_database_id ?? null, epoch: r?.centre_epoch ?? null, checkpoint: r?.checkpoint ?? 0, ackedSeq: r?.acked_seq ?? 0 };
}

/** Inside the caller's transaction: the centre as it said it is now. */
export function saveCentreIdentity(db: Database, databaseId: string, epoch: number): void {
  stmt(db, 'UPDATE sync_state SET centre_database_id = ?, centre_epoch = ? WHERE id = 1').run(databaseId, epoch);
}

/**
 * Inside the caller's transaction: the centre's history went back (restored from a backup), so the
 * checkpoint (a seq of the history it lost) starts again at 0, and `ackedSeq` is what it holds now.
 */
export function resetCentreHistory(db: Database, ackedSeq: number): void {
  stmt(db, 'UPDATE sync_state SET checkpoint = 0, acked_seq = ? WHERE id = 1').run(ackedSeq);
}

export function readCheckpoint(db: Database): number {
  return row(db)?.checkpoint ?? 0;
}

/** Inside the caller's transaction (with the page of changes it belongs to). Never moves backwards. */
export function saveCheckpoint(db: Database, checkpoint: number, nowIso: string): void {
  stmt(db, 'UPDATE sync_state SET checkpoint = max(checkpoint, ?), last_pull_at = ? WHERE id = 1').run(checkpoint, nowIso);
}

/** Inside the caller's transaction (with the outbox rows it deletes). */
export function savePushed(db: Database, lastSeq: number, nowIso: string): void {
  stmt(db, 'UPDATE sync_state SET acked_seq = ?, last_push_at = ? WHERE id = 1').run(lastSeq, nowIso);
}

export function saveSyncOk(db: Database, nowIso: string): void {
  stmt(db, 'UPDATE sync_state SET last_sync_at = ?, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, needs_attention = 0 WHERE id = 1').run(nowIso);
}

export function saveError(db: Database, failure: SyncFailure, nowIso: string): void {
  stmt(db, 'UPDATE sync_state SET last_error_code = ?, last_error_message = ?, last_error_at = ?, needs_attention = ? WHERE id = 1').run(
    failure.code,
    failure.message,
    nowIso,
    failure.kind === 'attention' ? 1 : 0,
  );
}

export function clearError(db: Database): void {
  stmt(db, 'UPDATE sync_state SET last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, needs_attention = 0 WHERE id = 1').run();
}

/** What only a running client knows; a terminal without one reports `unknown` and idle. */
export interface LiveState {
  connection: SyncStatus['connection'];
  syncing: boolean;
  nextRetryAt: string | null;
}

const IDLE: LiveState = { connection: 'unknown', syncing: false, nextRetryAt: null };

/** The status the renderer shows, from the store (and the running client's live part, if any). */
export function readSyncStatus(db: Database, live: LiveState = IDLE): SyncStatus {
  const r = row(db);
  const outbox = stmt<{ n: number; oldest: string | null }>(db, 'SELECT count(*) AS n, (SELECT created_at FROM outbox ORDER BY seq LIMIT 1) AS oldest FROM outbox').get();
  const open = stmt<{ n: number }>(db, 'SELECT count(*) AS n FROM sync_rejections WHERE handled_at IS NULL').get();
  return {
    enrolled: r !== undefined,
    serverUrl: r?.server_url ?? null,
    terminalId: r?.terminal_id ?? null,
    terminalCode: r?.terminal_code ?? null,
    connection: r ? live.connection : 'unknown',
    syncing: live.syncing,
    waiting: outbox?.n ?? 0,
    oldestWaitingSince: outbox?.oldest ?? null,
    lastPushAt: r?.last_push_at ?? null,
    lastPullAt: r?.last_pull_at ?? null,
    lastSyncAt: r?.last_sync_at ?? null,
    nextRetryAt: live.nextRetryAt,
    error:
      r && r.last_error_code !== null
        ? { code: r.last_error_code, message: r.last_error_message ?? '', at: r.last_error_at ?? '', needsAttention: r.needs_attention === 1 }
        : null,
    rejectionsToHandle: open?.n ?? 0,
    behind: r && r.recover_until !== null ? { holds: r.recover_after ?? 0, centre: r.recover_until } : null,
  };
}
