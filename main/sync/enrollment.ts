import type { Database } from 'better-sqlite3';
import { TERMINAL_CODE_PATTERN } from '../../core/intake/case-number.js';
import type { Clock } from '../../core/ports.js';
import { raiseCaseCounter } from '../cases/store.js';
import { appendAudit } from '../db/audit.js';
import { setSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import { enrollResponseSchema, type EnrollResponse } from '../../sync/protocol/index.js';
import { SyncFailure } from './failure.js';
import { CentralApi, normalizeServerUrl, type FetchLike } from './http.js';
import { highestOutboxSeq, raiseOutboxSequence, readEnrollment, saveRecovery } from './state.js';
import { realTimers, type Timers } from './timers.js';
import { plainSealer, type CredentialSealer } from './sealer.js';

export interface EnrollOptions {
  db: Database;
  clock: Clock;
  serverUrl: string;
  /** IT's one-time enrollment code. */
  code: string;
  label?: string | undefined;
  /** This terminal's notice-signing public key (main/notices/keys.ts), registered with the centre. */
  publicKey: string;
  /** Who enrolls (journaled). */
  actor: string | null;
  /** Seals the credential before it is stored (sealer.ts); plain when not given. */
  sealer?: CredentialSealer;
  fetch?: FetchLike;
  timers?: Timers;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type Enrolled = Omit<EnrollResponse, 'credential'> & { serverUrl: string; seqOffset: number; previousTerminalId: string | null };

/** The enrollment was made at the centre but this store cannot take it; nothing was stored here. */
export class EnrollmentRefused extends Error {
  constructor(
    readonly code: 'terminal_code_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'EnrollmentRefused';
  }
}

/**
 * The seq offset fixed at enrollment: protocol seq = outbox seq − offset, so the centre sees 1, 2, 3 …
 * - commands already waiting (cases taken before enrollment, or not yet sent by a previous
 *   enrollment) are sent: the first waiting one becomes protocol seq 1;
 * - with an empty outbox, the next command to be queued becomes seq 1: the offset is the highest
 *   outbox seq ever handed out (AUTOINCREMENT keeps it in sqlite_sequence; seqs are never reused).
 */
export function seqOffsetFor(db: Database): number {
  const first = stmt<{ seq: number | null }>(db, 'SELECT min(seq) AS seq FROM outbox').get()?.seq ?? null;
  if (first !== null) return first - 1;
  return stmt<{ seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq ?? 0;
}

/**
 * The seq offset for a store that continues a terminal code's numbering after seq `lastSeq` (the
 * centre's, handed over at enrollment) without being the store that made those seqs: its first waiting
 * command becomes lastSeq + 1, or, with none waiting, the next one it makes. Offsets stay ≥ 0: where
 * the store's own seqs are lower, its waiting rows move up (nothing refers to a waiting row's seq yet)
 * and the outbox's sequence with them.
 */
export function continueAfter(db: Database, lastSeq: number): number {
  // What this store kept of another numbering is not this code's history at the centre.
  stmt(db, 'DELETE FROM outbox_sent').run();
  const waiting = stmt<{ first: number | null; last: number | null }>(db, 'SELECT min(seq) AS first, max(seq) AS last FROM outbox').get();
  const highest = highestOutboxSeq(db);
  if (waiting && waiting.first !== null && waiting.last !== null) {
    const offset = waiting.first - 1 - lastSeq;
    if (offset >= 0) return offset;
    const up = -offset;
    // Two steps, so that no moved row lands on one not yet moved.
    stmt(db, 'UPDATE outbox SET seq = -(seq + ?)').run(up);
    stmt(db, 'UPDATE outbox SET seq = -seq').run();
    raiseOutboxSequence(db, Math.max(highest, waiting.last) + up);
    return 0;
  }
  if (highest >= lastSeq) return highest - lastSeq;
  raiseOutboxSequence(db, lastSeq);
  return 0;
}

/** Case numbers go on after the highest the centre knows per day: a replacement machine never issues 0001 again. */
function raiseCaseCounters(db: Database, counters: Readonly<Record<string, number>>): void {
  for (const [day, seq] of Object.entries(counters)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(day) && Number.isSafeInteger(seq) && seq > 0) raiseCaseCounter(db, day, seq);
  }
}

/** The prefix of this store's case numbers (the part before the first '-'), or null when it has none. */
function existingTerminalCode(db: Database): string | null {
  const row = stmt<{ case_no: string }>(db, 'SELECT case_no FROM cases ORDER BY id LIMIT 1').get();
  return row ? (row.case_no.split('-')[0] ?? null) : null;
}

/** A case of this store whose number does not start with the terminal code; case numbers never change prefix. */
function caseUnderOtherCode(db: Database, terminalCode: string): string | null {
  const prefix = `${terminalCode}-`;
  return stmt<{ case_no: string }>(db, 'SELECT case_no FROM cases WHERE substr(case_no, 1, ?) <> ? LIMIT 1').get(prefix.length, prefix)?.case_no ?? null;
}

/**
 * Redeems IT's one-time code at the centre (POST /v1/enroll with this terminal's public key), then, in
 * ONE transaction: the link (server, terminal id, credential, seq offset), the terminal code, window,
 * hall and district from the answer, and a journal entry (never the credential). Refuses, without
 * storing anything, an answer whose terminal code differs from the prefix of cases this store holds.
 */
export async function enrollTerminal(opts: EnrollOptions): Promise<Enrolled> {
  const { db, clock } = opts;
  const serverUrl = normalizeServerUrl(opts.serverUrl);
  const api = new CentralApi({
    baseUrl: serverUrl,
    credential: null,
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    timers: opts.timers ?? realTimers,
    timeoutMs: opts.timeoutMs ?? 30_000,
    chunkTimeoutMs: opts.timeoutMs ?? 30_000,
  });
  // A store with cases asks the centre to check the code's terminal code first, so a wrong code is
  // refused there without being spent (the check after the answer stays for an older centre).
  const existing = existingTerminalCode(db);
  const request = { code: opts.code, publicKey: opts.publicKey, label: opts.label ?? '', continueNumbering: true, ...(existing ? { expectTerminalCode: existing } : {}) };
  let answer;
  try {
    answer = await api.postJson('/enroll', request, enrollResponseSchema, opts.signal ?? new AbortController().signal);
  } catch (err) {
    if (err instanceof SyncFailure && err.code === 'enrollment_invalid' && err.details.reason === 'terminal_code_mismatch') {
      appendAudit(db, clock, { actor: opts.actor, action: 'sync.enroll_refused', details: { serverUrl, expected: existing, reason: 'terminal_code_mismatch' } });
      throw new EnrollmentRefused('terminal_code_mismatch', err.message);
    }
    throw err;
  }
  const { credential, lastSeq: handedSeq, predecessorId, caseCounters, ...terminal } = answer;
  if (!TERMINAL_CODE_PATTERN.test(terminal.terminalCode)) {
    throw new SyncFailure('bad_response', `the centre gave terminal code "${terminal.terminalCode}", which cannot prefix case numbers`, 'attention');
  }

  const other = caseUnderOtherCode(db, terminal.terminalCode);
  if (other) {
    appendAudit(db, clock, { actor: opts.actor, action: 'sync.enroll_refused', details: { serverUrl, terminalId: terminal.terminalId, terminalCode: terminal.terminalCode, existingCase: other } });
    throw new EnrollmentRefused(
      'terminal_code_mismatch',
      `the centre enrolled this machine as ${terminal.terminalCode} (terminal ${terminal.terminalId}), but this store already has cases under another code (${other}); case numbers never change prefix. Nothing was stored: IT must revoke that terminal at the centre and make a code for this store's terminal code.`,
    );
  }

  return db.transaction(() => {
    const previous = readEnrollment(db);
    const continued = previous !== null && handedSeq !== undefined && previous.terminalId === predecessorId && previous.terminalCode === terminal.terminalCode;
    // The centre continued the code's numbering: a store that was its predecessor keeps its mapping
    // (its unacknowledged commands go again under the seqs the centre knows: duplicates, not new
    // cases); another store's commands go on after the code's last seq. An older centre: from 1.
    const seqOffset = handedSeq === undefined ? seqOffsetFor(db) : continued ? previous.seqOffset : continueAfter(db, handedSeq);
    raiseCaseCounters(db, caseCounters ?? {});
    const now = clock.nowIso();
    stmt(db, 'DELETE FROM sync_state').run();
    stmt(db, 'INSERT INTO sync_state (id, server_url, terminal_id, terminal_code, credential, seq_offset, enrolled_at) VALUES (1, ?, ?, ?, ?, ?, ?)').run(
      serverUrl, terminal.terminalId, terminal.terminalCode, (opts.sealer ?? plainSealer).seal(credential), seqOffset, now,
    );
    // A store that did not make the code's commands so far (a replacement machine) gets them from
    // the centre before it takes a case (recover.ts).
    if (!continued && handedSeq !== undefined && handedSeq > 0) saveRecovery(db, { after: 0, until: handedSeq });
    setSetting(db, 'terminal_code', terminal.terminalCode);
    if (terminal.windowNo !== null) setSetting(db, 'window_no', terminal.windowNo);
    if (terminal.hall !== null) setSetting(db, 'hall', terminal.hall);
    if (terminal.district !== null) setSetting(db, 'district', terminal.district);
    appendAudit(db, clock, {
      actor: opts.actor,
      action: 'sync.enroll',
      details: { serverUrl, ...terminal, label: opts.label ?? '', seqOffset, previousTerminalId: previous?.terminalId ?? null, handedSeq: handedSeq ?? null, predecessorId: predecessorId ?? null, continued },
    });
    return { ...terminal, serverUrl, seqOffset, previousTerminalId: previous?.terminalId ?? null };
  })();
}
