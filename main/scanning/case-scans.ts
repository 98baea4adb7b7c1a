import type { Database } from 'better-sqlite3';
import { DomainError } from '../../core/result.js';
import type { BlobStore } from '../blobs/store.js';
import { stmt } from '../db/statements.js';
import { assembleMaterialPdf } from './assemble.js';

/**
 * What a submitted intake does with its batch: the pages assigned to each material (not deleted, not
 * excluded) become one PDF per material, stored as a blob BEFORE the intake's transaction, which then
 * ties the batch and the PDFs to the case and names the PDFs in the outbox command, so the sync client
 * uploads them before the command (the server refuses a command whose blobs it lacks).
 */
export interface MaterialScan {
  entryId: string;
  /** The assembled PDF: the blob the centre receives. */
  pdf: string;
  bytes: number;
  pageCount: number;
  /** The stored page images it was made from (they stay on the terminal). */
  pages: string[];
}

export interface PreparedScans {
  intakeId: string;
  /** The batch's `version` when the PDFs were made (null: no batch then): a change since means they are stale. */
  version: number | null;
  materials: MaterialScan[];
}

interface Row {
  entry_id: string;
  sha256: string;
  dpi: number;
}

export async function prepareCaseScans(db: Database, blobs: BlobStore, intakeId: string, entryIds: ReadonlySet<string>, title: (entryId: string) => string): Promise<PreparedScans> {
  const batch = stmt(db, 'SELECT version, case_id FROM scan_batches WHERE intake_id = ?').get(intakeId) as { version: number; case_id: number | null } | undefined;
  if (!batch) return { intakeId, version: null, materials: [] };
  const rows = stmt(db, 'SELECT entry_id, sha256, dpi FROM scan_pages WHERE intake_id = ? AND deleted = 0 AND excluded = 0 AND entry_id IS NOT NULL ORDER BY pos, id').all(intakeId) as Row[];
  const byEntry = new Map<string, Row[]>();
  for (const r of rows) {
    if (!entryIds.has(r.entry_id)) {
      throw new DomainError('invalid_input', `pages are assigned to ${r.entry_id}, which is not on this checklist`, 'scans', 'scan_material_unknown');
    }
    byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r]);
  }
  const materials: MaterialScan[] = [];
  for (const [entryId, pages] of byEntry) {
    const pdf = await assembleMaterialPdf(
      pages.map((p) => ({ jpeg: blobs.get(p.sha256), dpi: p.dpi })),
      title(entryId),
    );
    materials.push({ entryId, pdf: blobs.put(pdf), bytes: pdf.byteLength, pageCount: pages.length, pages: pages.map((p) => p.sha256) });
  }
  return { intakeId, version: batch.version, materials };
}

/** Inside the intake's transaction: the batch now belongs to the case; deleted pages go for good. */
export function attachScans(db: Database, blobs: BlobStore, scans: PreparedScans, caseId: number): void {
  const now = stmt(db, 'SELECT version, case_id FROM scan_batches WHERE intake_id = ?').get(scans.intakeId) as { version: number; case_id: number | null } | undefined;
  if (scans.version === null && !now) return;
  // A batch that appeared, or changed, since the PDFs were made (a page imported meanwhile): made again.
  if (!now || now.version !== scans.version || now.case_id !== null) {
    throw new DomainError('conflict', 'pages changed while the intake was being submitted; submit again', 'scans', 'scan_batch_changed');
  }
  stmt(db, 'UPDATE scan_batches SET case_id = ? WHERE intake_id = ?').run(caseId, scans.intakeId);
  stmt(db, 'DELETE FROM scan_pages WHERE intake_id = ? AND deleted = 1').run(scans.intakeId);
  const insert = stmt(db, 'INSERT INTO case_scans (case_id, entry_id, pdf_sha256, pages, bytes) VALUES (?, ?, ?, ?, ?)');
  for (const m of scans.materials) {
    // The file must still be there when its row commits (nothing should have taken it; this makes sure).
    if (!blobs.has(m.pdf)) throw new DomainError('conflict', 'an assembled material file went missing; submit again', 'scans', 'scan_batch_changed');
    insert.run(caseId, m.entryId, m.pdf, m.pageCount, m.bytes);
  }
}

/** The page counts per material of a case, for its detail view. */
export function caseScanCounts(db: Database, caseId: number): Map<string, number> {
  const rows = stmt(db, 'SELECT entry_id, pages FROM case_scans WHERE case_id = ?').all(caseId) as { entry_id: string; pages: number }[];
  return new Map(rows.map((r) => [r.entry_id, r.pages]));
}
