import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { getSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import { commandHash } from '../../sync/protocol/index.js';

/**
 * Commands the centre acknowledged are kept (`outbox_sent`) for a retention period instead of being
 * deleted at once: the terminal is the centre's backup as much as the centre is the terminal's. A
 * centre restored from a backup lacks what it acknowledged since; the terminal moves those back into
 * the outbox (recover.ts) and they are pushed again, under the same seqs, ids and hashes.
 *
 * Disk: a kept command is its args' JSON, ~1.2 KB for an intake (bench `sync.recovery` measures it),
 * so 200 cases a day kept 30 days is ~7 MB of store; the material PDFs they name are kept by their
 * cases anyway (their files are not copied).
 */
export const DEFAULT_RETENTION_DAYS = 30;

export function retentionDays(db: Database): number {
  const set = Number(getSetting(db, 'sync_retention_days'));
  return Number.isFinite(set) && set >= 0 ? set : DEFAULT_RETENTION_DAYS;
}

/** Inside the ack's transaction: the outbox up to `outboxSeq` becomes retained, then what is past retention goes. */
export function keepAcknowledged(db: Database, outboxSeq: number, nowIso: string): void {
  stmt(db, `INSERT INTO outbox_sent (seq, id, hash, name, args, created_at, blobs, acked_at)
            SELECT seq, id, hash, name, args, created_at, blobs, ? FROM outbox WHERE seq <= ? ORDER BY seq
            ON CONFLICT DO NOTHING`).run(nowIso, outboxSeq);
  stmt(db, 'DELETE FROM outbox WHERE seq <= ?').run(outboxSeq);
  const cutoff = new Date(Date.parse(nowIso) - retentionDays(db) * 86_400_000).toISOString();
  stmt(db, 'DELETE FROM outbox_sent WHERE acked_at < ?').run(cutoff);
}

/** Inside the replay's transaction: a command recovered from the centre, kept as acknowledged. */
export function keepRecovered(db: Database, c: { outboxSeq: number; id: string | null; hash: string | null; name: string; args: unknown; createdAt: string; blobs: readonly string[] }, nowIso: string): void {
  stmt(db, `INSERT INTO outbox_sent (seq, id, hash, name, args, created_at, blobs, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(
    c.outboxSeq, c.id, c.hash, c.name, JSON.stringify(c.args), c.createdAt, JSON.stringify(c.blobs), nowIso,
  );
}

/** The lowest and highest retained seqs (null when none is kept). */
export function retainedRange(db: Database): { first: number; last: number } | null {
  const r = stmt<{ first: number | null; last: number | null }>(db, 'SELECT min(seq) AS first, max(seq) AS last FROM outbox_sent').get();
  return r && r.first !== null && r.last !== null ? { first: r.first, last: r.last } : null;
}

/**
 * Inside the caller's transaction: retained commands after `outboxSeq` go back into the outbox, to be
 * pushed again (a centre that lost them). A command kept without an id or hash (one the centre had
 * none for) gets them now. Returns how many moved.
 */
export function requeueAfter(db: Database, outboxSeq: number): number {
  const rows = stmt<{ seq: number; id: string | null; hash: string | null; name: string; args: string; created_at: string; blobs: string }>(
    db,
    'SELECT seq, id, hash, name, args, created_at, blobs FROM outbox_sent WHERE seq > ? ORDER BY seq',
  ).all(outboxSeq);
  const insert = stmt(db, 'INSERT INTO outbox (seq, name, args, created_at, blobs, id, hash) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  for (const r of rows) insert.run(r.seq, r.name, r.args, r.created_at, r.blobs, r.id ?? randomUUID(), r.hash ?? commandHash(r.name, JSON.parse(r.args) as unknown));
  stmt(db, 'DELETE FROM outbox_sent WHERE seq > ?').run(outboxSeq);
  return rows.length;
}
