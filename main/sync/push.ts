import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { auditHead } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { COMMAND_NAMES, MAX_PUSH_COMMANDS, pushResponseSchema, type Command, type PushResponse } from '../../sync/protocol/index.js';
import type { BlobUploader } from './blobs.js';
import { SyncFailure } from './failure.js';
import type { CentralApi } from './http.js';
import { noteBehind } from './recover.js';
import { keepAcknowledged } from './sent.js';
import { savePushed, type Enrollment } from './state.js';

export interface PushDeps {
  db: Database;
  api: CentralApi;
  uploader: BlobUploader;
  clock: Clock;
  enrollment: Enrollment;
  signal: AbortSignal;
  /** Commands per push (at most the protocol's 500). */
  batchSize?: number;
  /** After each batch is committed locally (for the status the renderer shows). */
  onBatch?: () => void;
}

export interface PushOutcome {
  batches: number;
  applied: number;
  duplicate: number;
  rejected: number;
  blobBytes: number;
}

interface OutboxRow {
  seq: number;
  name: string;
  args: string;
  created_at: string;
  blobs: string;
  attempts: number;
  id: string;
  hash: string;
}

/** Same-batch blocks on one seq before it is a person's problem (the server keeps refusing an uploaded blob). */
const MAX_BLOCKS_PER_SEQ = 3;

/**
 * The blobs the server wants before it applies a command: the outbox row's `blobs`, the material PDFs
 * (main/cases/intake.ts). The page images they were made from stay on the terminal.
 */
export function blobsNeeded(command: Pick<Command, 'blobs'>): string[] {
  return [...new Set(command.blobs ?? [])];
}

function toCommand(row: OutboxRow, offset: number): Command {
  const seq = row.seq - offset;
  if (seq < 1) {
    throw new SyncFailure('seq_before_enrollment', `outbox command ${row.seq} precedes this terminal's enrollment (seq offset ${offset}); IT must look at it`, 'attention', null, { outboxSeq: row.seq });
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(row.name)) {
    throw new SyncFailure('unknown_command', `outbox command ${row.seq} is "${row.name}", which sync protocol does not know`, 'attention', null, { outboxSeq: row.seq });
  }
  const args = JSON.parse(row.args) as unknown;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new SyncFailure('unknown_command', `outbox command ${row.seq} has arguments that are not an object`, 'attention', null, { outboxSeq: row.seq });
  }
  return { seq, name: row.name, args: args as Record<string, unknown>, blobs: JSON.parse(row.blobs) as string[], createdAt: row.created_at, id: row.id, hash: row.hash };
}

/**
 * Sends the outbox to the centre in seq order, batch by batch, until it is empty: for each batch the
 * blobs first, then POST /v1/push; then, in ONE transaction, the acknowledged rows leave the outbox
 * (all up to the server's lastSeq, kept for the retention period in outbox_sent: sent.ts), the
 * refused ones are recorded as rejections and the ack saved. A lost answer is harmless: the rows
 * stay and the re-sent commands come back `duplicate`.
 */
export async function drainOutbox(deps: PushDeps): Promise<PushOutcome> {
  const { db, api, uploader, clock, enrollment, signal } = deps;
  const offset = enrollment.seqOffset;
  const outcome: PushOutcome = { batches: 0, applied: 0, duplicate: 0, rejected: 0, blobBytes: 0 };
  let batchSize = Math.min(deps.batchSize ?? MAX_PUSH_COMMANDS, MAX_PUSH_COMMANDS);
  let blocks = { seq: 0, count: 0 };
  // Every round deletes at least one row, uploads what blocked (at most MAX_BLOCKS_PER_SEQ times per
  // seq) or halves the batch; anything else throws. The bound only stops a server that answers
  // without progress; the 1000 leaves room for commands queued while draining.
  const maxRounds = (countOutbox(db) + 1000) * (MAX_BLOCKS_PER_SEQ + 1) + 16;
  for (let round = 0; round < maxRounds; round += 1) {
    // After every await: once stopped, the store is not touched again (the app may be closing it).
    signal.throwIfAborted();
    const rows = stmt<OutboxRow>(db, 'SELECT seq, name, args, created_at, blobs, attempts, id, hash FROM outbox ORDER BY seq LIMIT ?').all(batchSize);
    if (rows.length === 0) return outcome;
    const commands = rows.map((r) => toCommand(r, offset));
    outcome.blobBytes += await uploader.ensure(commands.flatMap(blobsNeeded), signal);
    signal.throwIfAborted();
    const first = rows[0]?.seq ?? 0;
    const last = rows.at(-1)?.seq ?? 0;
    // For IT looking at a stuck outbox: how often each command has been sent.
    stmt(db, 'UPDATE outbox SET attempts = attempts + 1 WHERE seq BETWEEN ? AND ?').run(first, last);

    let res: PushResponse;
    try {
      // The journal's head goes along: the centre hands it back at the next sync (recover.ts checks it).
      const audit = auditHead(db);
      res = await api.postJson('/push', { terminalId: enrollment.terminalId, commands, ...(audit ? { audit } : {}) }, pushResponseSchema, signal);
    } catch (err) {
      if (err instanceof SyncFailure && err.code === 'body_too_large' && batchSize > 1) {
        batchSize = Math.ceil(batchSize / 2);
        continue;
      }
      throw err;
    }
    signal.throwIfAborted();
    const byProtocolSeq = new Map(commands.map((c) => [c.seq, c]));
    db.transaction(() => {
      const now = clock.nowIso();
      for (const r of res.results) {
        if (r.status === 'applied') outcome.applied += 1;
        else if (r.status === 'duplicate') outcome.duplicate += 1;
        else {
          outcome.rejected += 1;
          const c = byProtocolSeq.get(r.seq);
          const caseNo = typeof c?.args.caseNo === 'string' ? c.args.caseNo : null;
          stmt(db, `INSERT INTO sync_rejections (outbox_seq, terminal_id, seq, name, case_no, code, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (outbox_seq) DO NOTHING`).run(r.seq + offset, enrollment.terminalId, r.seq, c?.name ?? '?', caseNo, r.code ?? 'rejected', r.reason ?? '', now);
        }
      }
      keepAcknowledged(db, res.lastSeq + offset, now);
      savePushed(db, res.lastSeq, now);
      // The centre holds more of this terminal than this store made: it is behind (recover.ts).
      noteBehind(db, clock, enrollment, res.lastSeq);
    })();
    outcome.batches += 1;
    deps.onBatch?.();

    if (res.blocked) {
      const { seq, hashes } = res.blocked;
      blocks = blocks.seq === seq ? { seq, count: blocks.count + 1 } : { seq, count: 1 };
      if (blocks.count > MAX_BLOCKS_PER_SEQ) {
        throw new SyncFailure('blob_refused', `the centre still lacks blobs of command ${seq} after ${MAX_BLOCKS_PER_SEQ} uploads: ${hashes.join(', ')}`, 'attention', null, { seq, hashes });
      }
      for (const h of hashes) uploader.forget(h);
      outcome.blobBytes += await uploader.ensure(hashes, signal, true);
      continue;
    }
    if (res.lastSeq + offset < first) {
      throw new SyncFailure('push_stalled', `the centre answered the push from seq ${first - offset} without applying it or saying why (lastSeq ${res.lastSeq})`, 'attention', null, { lastSeq: res.lastSeq });
    }
  }
  throw new SyncFailure('push_stalled', `the outbox did not empty within ${maxRounds} pushes`, 'retry');
}

function countOutbox(db: Database): number {
  return stmt<{ n: number }>(db, 'SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
}
