import type { Database } from 'better-sqlite3';
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditRecord, type ChainVerdict } from '../../core/audit/chain.js';
import type { Clock } from '../../core/ports.js';
import { stmt } from './statements.js';

export interface AuditInput {
  actor: string | null;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function toRecord(r: AuditRow): AuditRecord {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Appends one journal entry chained to the previous one. Call it inside the same transaction as the
 * change it records, so the change and its entry commit together or not at all.
 */
export function appendAudit(db: Database, clock: Clock, input: AuditInput): AuditRecord {
  const last = stmt(db, 'SELECT seq, hash FROM audit_journal ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at: clock.nowIso(),
    actor: input.actor,
    action: input.action,
    subject: input.subject ?? null,
    details: JSON.stringify(input.details ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashAuditEntry(prevHash, fields);
  stmt(db, 'INSERT INTO audit_journal (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(fields.seq, fields.at, fields.actor, fields.action, fields.subject, fields.details, prevHash, hash);
  return { ...fields, prevHash, hash };
}

/** The newest entry's seq and hash (null for an empty journal): what a push tells the centre (main/sync). */
export function auditHead(db: Database): { seq: number; hash: string } | null {
  return stmt<{ seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_journal ORDER BY seq DESC LIMIT 1').get() ?? null;
}

/** The hash of entry `seq`, or null when there is none. */
export function auditHashAt(db: Database, seq: number): string | null {
  return stmt<{ hash: string }>(db, 'SELECT hash FROM audit_journal WHERE seq = ?').get(seq)?.hash ?? null;
}

/** Streams the whole journal through the chain check (constant memory, whatever its length). */
export function verifyAudit(db: Database): ChainVerdict & { total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM audit_journal').get() as { n: number }).n;
  const rows = db.prepare('SELECT * FROM audit_journal ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  function* records(): Generator<AuditRecord> {
    for (const r of rows) yield toRecord(r);
  }
  return { ...verifyAuditChain(records()), total };
}

export function auditEntriesFor(db: Database, subject: string): AuditRecord[] {
  return (db.prepare('SELECT * FROM audit_journal WHERE subject = ? ORDER BY seq').all(subject) as AuditRow[]).map(toRecord);
}
