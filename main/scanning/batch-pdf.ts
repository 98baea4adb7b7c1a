import type { Database } from 'better-sqlite3';
import { DomainError } from '../../core/result.js';
import type { BlobStore } from '../blobs/store.js';
import { stmt } from '../db/statements.js';
import { assembleMaterialPdf } from './assemble.js';

/**
 * A batch scanned for one document after intake (a delivery's 授权委托书, a 容缺 material that came
 * later), as one PDF: every page kept (not deleted, not excluded), in order, whatever material it is
 * marked for. The PDF is stored as a blob BEFORE the transaction that points at it, like an intake's.
 */
export interface BatchPdf {
  batchId: string;
  version: number;
  pdf: string;
  pageCount: number;
  pages: string[];
}

/** Pages kept in a batch (0 when there is no batch). */
export function keptPages(db: Database, batchId: string): number {
  return stmt<{ n: number }>(db, 'SELECT count(*) AS n FROM scan_pages WHERE intake_id = ? AND deleted = 0 AND excluded = 0').get(batchId)?.n ?? 0;
}

export async function batchPdf(db: Database, blobs: BlobStore, batchId: string, title: string): Promise<BatchPdf | null> {
  const batch = stmt<{ version: number }>(db, 'SELECT version FROM scan_batches WHERE intake_id = ?').get(batchId);
  if (!batch) return null;
  const rows = stmt<{ sha256: string; dpi: number }>(db, 'SELECT sha256, dpi FROM scan_pages WHERE intake_id = ? AND deleted = 0 AND excluded = 0 ORDER BY pos, id').all(batchId);
  if (rows.length === 0) return null;
  const pdf = await assembleMaterialPdf(rows.map((r) => ({ jpeg: blobs.get(r.sha256), dpi: r.dpi })), title);
  return { batchId, version: batch.version, pdf: blobs.put(pdf), pageCount: rows.length, pages: rows.map((r) => r.sha256) };
}

/**
 * Inside the transaction that uses the PDF: the batch is done (its pages belong to what the row
 * records; `caseId` ties it to the case when the case is in this store), unless it changed meanwhile.
 */
export function closeBatch(db: Database, blobs: BlobStore, made: BatchPdf, caseId: number | null): void {
  const now = stmt<{ version: number; case_id: number | null }>(db, 'SELECT version, case_id FROM scan_batches WHERE intake_id = ?').get(made.batchId);
  if (!now || now.version !== made.version || now.case_id !== null || !blobs.has(made.pdf)) {
    throw new DomainError('conflict', 'pages changed while this was being submitted; submit again', 'scans', 'scan_batch_changed');
  }
  if (caseId !== null) stmt(db, 'UPDATE scan_batches SET case_id = ? WHERE intake_id = ?').run(caseId, made.batchId);
  stmt(db, 'DELETE FROM scan_pages WHERE intake_id = ? AND deleted = 1').run(made.batchId);
}
