import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { DomainError } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { commandHash } from '../../sync/protocol/index.js';
import type { BlobSource } from './blobs.js';

interface Waiting {
  seq: number;
  name: string;
  args: string;
  blobs: string;
}

export interface UnavailableBlob {
  sha256: string;
  caseNo: string | null;
  entryId: string | null;
  material: string | null;
}

function waitingWith(db: Database, sha256: string): Waiting[] {
  return stmt<Waiting>(db, 'SELECT seq, name, args, blobs FROM outbox WHERE EXISTS (SELECT 1 FROM json_each(outbox.blobs) WHERE value = ?) ORDER BY seq').all(sha256);
}

function readable(blobs: BlobSource, sha256: string): boolean {
  if (!blobs.has(sha256)) return false;
  try {
    blobs.get(sha256);
    return true;
  } catch {
    return false;
  }
}

/**
 * The blobs waiting commands need that this disk cannot give (missing or damaged) and that could not
 * be made again (`repair`, main/scanning/rebuild.ts, is tried first): what blocks the outbox.
 */
export async function unavailableBlobs(db: Database, blobs: BlobSource): Promise<UnavailableBlob[]> {
  const rows = stmt<{ sha256: string }>(db, 'SELECT DISTINCT j.value AS sha256 FROM outbox, json_each(outbox.blobs) AS j ORDER BY outbox.seq').all();
  const out: UnavailableBlob[] = [];
  for (const { sha256 } of rows) {
    if (readable(blobs, sha256) || (blobs.repair && (await blobs.repair(sha256)) && readable(blobs, sha256))) continue;
    const made = stmt<{ case_no: string; entry_id: string; name: string | null }>(
      db,
      `SELECT c.case_no, s.entry_id, m.name FROM case_scans s JOIN cases c ON c.id = s.case_id
         LEFT JOIN case_materials m ON m.case_id = s.case_id AND m.entry_id = s.entry_id WHERE s.pdf_sha256 = ? LIMIT 1`,
    ).get(sha256);
    out.push({ sha256, caseNo: made?.case_no ?? null, entryId: made?.entry_id ?? null, material: made?.name ?? null });
  }
  return out;
}

/**
 * A supervisor lets the waiting commands that need an unavailable material PDF go without it: each
 * command's scan entry says so (`pdfUnavailable`: by, at, note), the blob leaves its `blobs`, and its
 * hash is made again: the command was never accepted by the centre (it waited for the blob), so it
 * still may change. In one transaction, journaled (`sync.blob_waived`). The centre flags the case.
 */
export function waiveBlob(db: Database, clock: Clock, blobs: BlobSource, sha256: string, by: string, note: string): number {
  if (readable(blobs, sha256)) throw new DomainError('conflict', 'this document is on this machine; sync sends it', 'sha256', 'blob_available');
  return db.transaction(() => {
    const rows = waitingWith(db, sha256);
    if (rows.length === 0) throw new DomainError('not_found', 'no waiting command needs this document', 'sha256', 'blob_not_waiting');
    const at = clock.nowIso();
    const update = stmt(db, 'UPDATE outbox SET args = ?, blobs = ?, hash = ? WHERE seq = ?');
    const cases = new Set<string>();
    for (const r of rows) {
      const args = JSON.parse(r.args) as { caseNo?: unknown; scans?: { pdf?: unknown }[] };
      if (Array.isArray(args.scans)) args.scans = args.scans.map((s) => (s.pdf === sha256 ? { ...s, pdfUnavailable: { by, at, note } } : s));
      if (typeof args.caseNo === 'string') cases.add(args.caseNo);
      const left = (JSON.parse(r.blobs) as string[]).filter((h) => h !== sha256);
      update.run(JSON.stringify(args), JSON.stringify(left), commandHash(r.name, args), r.seq);
    }
    for (const caseNo of cases.size > 0 ? cases : new Set([null])) {
      appendAudit(db, clock, { actor: by, action: 'sync.blob_waived', subject: caseNo, details: { sha256, note, seqs: rows.map((r) => r.seq) } });
    }
    return rows.length;
  })();
}
