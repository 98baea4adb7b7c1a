import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { appendAudit, auditHashAt, auditHead } from '../db/audit.js';
import { recoverResponseSchema, stateResponseSchema, type StateResponse } from '../../sync/protocol/index.js';
import { SyncFailure } from './failure.js';
import type { CentralApi } from './http.js';
import { replayCommands, replayContext, type ReplayCounts } from './replay.js';
import { retainedRange, requeueAfter } from './sent.js';
import { highestOutboxSeq, raiseOutboxSequence, readCentreView, readRecovery, resetCentreHistory, saveCentreIdentity, saveRecovery, type Enrollment } from './state.js';

export interface ReconcileDeps {
  db: Database;
  api: CentralApi;
  clock: Clock;
  enrollment: Enrollment;
  signal: AbortSignal;
  /** Commands per recover request. */
  pageSize?: number;
}

/** 10,000 commands at 500 a page is 20 pages; this bounds a centre that keeps saying `more`. */
const MAX_PAGES = 100_000;

/** The protocol seq of the newest command this store made (or replayed). */
export function madeSeq(db: Database, enrollment: Pick<Enrollment, 'seqOffset'>): number {
  return highestOutboxSeq(db) - enrollment.seqOffset;
}

/**
 * The first step of a sync cycle: asks the centre what it holds of this terminal (GET /v1/state).
 * When the centre applied more commands than this store ever made (restored from a backup, or a
 * replacement machine enrolled under the code), the store is behind: `readRecovery` is set at once,
 * so the counter refuses new cases (their numbers would be the centre's), and `recoverIfBehind`
 * replays the rest after the push (which sends what was waiting: duplicates the centre checks by
 * hash, or a fork it refuses).
 */
export async function checkState(deps: ReconcileDeps): Promise<StateResponse | null> {
  const { db, api, clock, enrollment, signal } = deps;
  let state: StateResponse;
  try {
    state = await api.getJson('/state', stateResponseSchema, signal);
  } catch (err) {
    // An older centre: no recovery to be had from it; sync goes on as before.
    if (err instanceof SyncFailure && err.httpStatus === 404) return null;
    throw err;
  }
  signal.throwIfAborted();
  reconcileHistory(db, clock, enrollment, state);
  noteBehind(db, clock, enrollment, state.lastSeq);
  checkJournal(db, clock, enrollment, state);
  return state;
}

/**
 * The journal must still hold the head the centre acknowledged with the last push: its hash chain
 * shows edits and gaps, not the removal of its newest entries (with the cases they recorded). A
 * journal without that entry (or with another one there) stops pushing: `journal_truncated`, for IT.
 * A store behind the centre is the exception: restored from a backup, its journal is older by
 * nature; that is journaled (`sync.journal_restored`, naming the head it lost), which from then on
 * answers for that head.
 */
function checkJournal(db: Database, clock: Clock, enrollment: Enrollment, state: StateResponse): void {
  const acked = state.audit;
  if (!acked || auditHashAt(db, acked.seq) === acked.hash) return;
  const known = db.prepare("SELECT 1 FROM audit_journal WHERE action = 'sync.journal_restored' AND json_extract(details, '$.centreHead.hash') = ?").get(acked.hash);
  if (known) return;
  // Waiting commands under seqs the centre holds go first: duplicates (an answer lost) or a fork,
  // which the push tells apart (store_forked says more than a journal that went back).
  if (db.prepare('SELECT 1 FROM outbox WHERE seq <= ? LIMIT 1').get(state.lastSeq + enrollment.seqOffset)) return;
  const local = auditHead(db);
  if (readRecovery(db)) {
    appendAudit(db, clock, { actor: null, action: 'sync.journal_restored', details: { terminalId: enrollment.terminalId, centreHead: acked, localHead: local } });
    return;
  }
  throw new SyncFailure(
    'journal_truncated',
    `the audit journal no longer holds entry ${acked.seq} as the centre acknowledged it (this journal ends at ${local?.seq ?? 0}): its newest entries were removed or rewritten after the last sync. Nothing more is sent; IT must look`,
    'attention',
    null,
    { centreHead: acked, localHead: local },
  );
}

/**
 * The centre restored from a backup lost what it acknowledged and sent since: its epoch changed (IT
 * said so), or, without that, its newest change is behind this store's checkpoint, or its last seq of
 * this terminal behind what it acknowledged. Then, in one transaction: the checkpoint goes back to 0
 * (pulls are idempotent upserts), and the retained commands after the centre's last seq go back into
 * the outbox to be pushed again. Retained commands that no longer reach back that far (past the
 * retention period) need IT: the centre cannot get them from this terminal any more.
 */
function reconcileHistory(db: Database, clock: Clock, enrollment: Enrollment, state: StateResponse): void {
  const seen = readCentreView(db);
  if (seen.databaseId !== null && state.databaseId !== undefined && state.databaseId !== seen.databaseId) {
    throw new SyncFailure('centre_changed', `this terminal was linked with centre ${seen.databaseId}; ${enrollment.serverUrl} is centre ${state.databaseId}. Nothing was sent; IT must look`, 'attention', null, { was: seen.databaseId, is: state.databaseId });
  }
  const epochChanged = seen.epoch !== null && state.epoch !== undefined && state.epoch !== seen.epoch;
  const wentBack = epochChanged || state.head < seen.checkpoint || state.lastSeq < seen.ackedSeq;
  if (!wentBack) {
    if (state.databaseId !== undefined && state.epoch !== undefined && (seen.databaseId !== state.databaseId || seen.epoch !== state.epoch)) saveCentreIdentity(db, state.databaseId, state.epoch);
    return;
  }
  const offset = enrollment.seqOffset;
  const lacking = seen.ackedSeq > state.lastSeq;
  const kept = retainedRange(db);
  if (lacking && (kept === null || kept.first - offset > state.lastSeq + 1)) {
    throw new SyncFailure(
      'centre_lost_commands',
      `the centre holds this terminal's commands up to ${state.lastSeq}, but had acknowledged up to ${seen.ackedSeq}; this machine keeps acknowledged commands only from ${kept ? kept.first - offset : '(none)'} on (retention), so it cannot send them all again. IT must look`,
      'attention',
      null,
      { lastSeq: state.lastSeq, ackedSeq: seen.ackedSeq, keptFrom: kept ? kept.first - offset : null },
    );
  }
  db.transaction(() => {
    const requeued = lacking ? requeueAfter(db, state.lastSeq + offset) : 0;
    resetCentreHistory(db, Math.min(seen.ackedSeq, state.lastSeq));
    if (state.databaseId !== undefined && state.epoch !== undefined) saveCentreIdentity(db, state.databaseId, state.epoch);
    appendAudit(db, clock, {
      actor: null,
      action: 'sync.centre_went_back',
      details: { terminalId: enrollment.terminalId, epochBefore: seen.epoch, epoch: state.epoch ?? null, checkpointBefore: seen.checkpoint, head: state.head, ackedBefore: seen.ackedSeq, lastSeq: state.lastSeq, requeued },
    });
  })();
}

/** Inside or outside a transaction: the centre holds up to `centreSeq`; behind when this store made fewer. */
export function noteBehind(db: Database, clock: Clock, enrollment: Enrollment, centreSeq: number): void {
  const made = madeSeq(db, enrollment);
  if (readRecovery(db) || centreSeq <= made) return;
  db.transaction(() => {
    saveRecovery(db, { after: made, until: centreSeq });
    appendAudit(db, clock, { actor: null, action: 'sync.behind', details: { terminalId: enrollment.terminalId, madeSeq: made, centreSeq } });
  })();
}

/** Replays from the centre what this store lacks, when it is behind (see checkState); the cases it wrote. */
export async function recoverIfBehind(deps: ReconcileDeps): Promise<{ recovered: number; cases: string[] }> {
  const recovery = readRecovery(deps.db);
  if (!recovery) return { recovered: 0, cases: [] };
  return recoverAll(deps, recovery);
}

async function recoverAll(deps: ReconcileDeps, start: { after: number; until: number }): Promise<{ recovered: number; cases: string[] }> {
  const { db, api, clock, enrollment, signal } = deps;
  const rc = replayContext(db);
  const total: ReplayCounts = { cases: 0, notices: 0, rejections: 0, skipped: 0 };
  const cases: string[] = [];
  let after = start.after;
  let recovered = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    signal.throwIfAborted();
    const res = await api.postJson('/recover', { afterSeq: after, limit: deps.pageSize ?? 500 }, recoverResponseSchema, signal);
    signal.throwIfAborted();
    let previous = after;
    for (const c of res.commands) {
      if (c.seq <= previous) throw new SyncFailure('bad_response', `the centre's recovered commands are not in increasing seq order (${c.seq} after ${previous})`, 'retry');
      previous = c.seq;
    }
    const until = Math.max(start.until, res.lastSeq);
    const last = res.more ? previous : until;
    db.transaction(() => {
      const before = (db.prepare('SELECT max(id) AS id FROM cases').get() as { id: number | null }).id ?? 0;
      const counts = replayCommands(db, clock, rc, enrollment, res.commands);
      for (const k of Object.keys(total) as (keyof ReplayCounts)[]) total[k] += counts[k];
      for (const r of db.prepare('SELECT case_no FROM cases WHERE id > ?').all(before) as { case_no: string }[]) cases.push(r.case_no);
      raiseOutboxSequence(db, last + enrollment.seqOffset);
      if (res.more) {
        saveRecovery(db, { after: last, until });
      } else {
        saveRecovery(db, null);
        appendAudit(db, clock, { actor: null, action: 'sync.recovered', details: { terminalId: enrollment.terminalId, fromSeq: start.after + 1, toSeq: last, ...total } });
      }
    })();
    recovered += res.commands.length;
    after = last;
    if (!res.more) return { recovered, cases };
    if (res.commands.length === 0) throw new SyncFailure('pull_stalled', `the centre says more commands wait after ${after} but sent none`, 'retry');
  }
  throw new SyncFailure('pull_stalled', `still more commands to recover after ${MAX_PAGES} pages`, 'retry');
}
