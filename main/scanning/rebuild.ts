import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import type { BlobStore } from '../blobs/store.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { assembleMaterialPdf } from './assemble.js';

interface Made {
  case_no: string;
  intake_id: string;
  entry_id: string;
  name: string;
}

/** The page images a material PDF was made from, in order: as its command names them (waiting or kept), else the batch's pages of that material. */
function pagesOf(db: Database, pdf: string, made: Made): string[] {
  for (const table of ['outbox', 'outbox_sent']) {
    const rows = stmt<{ args: string }>(db, `SELECT args FROM ${table} WHERE EXISTS (SELECT 1 FROM json_each(${table}.blobs) WHERE value = ?)`).all(pdf);
    for (const r of rows) {
      const scans = (JSON.parse(r.args) as { scans?: { pdf?: unknown; pages?: unknown }[] }).scans ?? [];
      const hit = scans.find((s) => s.pdf === pdf && Array.isArray(s.pages));
      if (hit) return hit.pages as string[];
    }
  }
  return stmt<{ sha256: string }>(db, 'SELECT sha256 FROM scan_pages WHERE intake_id = ? AND entry_id = ? AND deleted = 0 AND excluded = 0 ORDER BY pos, id')
    .all(made.intake_id, made.entry_id)
    .map((p) => p.sha256);
}

/**
 * A material PDF that is missing or damaged on this disk, made again from the page images it was
 * assembled from (main/scanning/case-scans.ts): the same JPEGs, the same title and fixed dates give
 * the same bytes, so the result is kept only if it hashes to the name the waiting command gives.
 * True when the file is whole again (journaled `scan.pdf_rebuilt`); false when it cannot be made
 * (its pages are gone or damaged too): then a supervisor may send the case without it.
 */
export async function rebuildMaterialPdf(db: Database, blobs: BlobStore, clock: Clock, pdf: string): Promise<boolean> {
  const made = stmt<Made>(
    db,
    `SELECT c.case_no, c.intake_id, s.entry_id, m.name FROM case_scans s JOIN cases c ON c.id = s.case_id
       JOIN case_materials m ON m.case_id = s.case_id AND m.entry_id = s.entry_id WHERE s.pdf_sha256 = ? LIMIT 1`,
  ).get(pdf);
  if (!made) return false;
  const pages = pagesOf(db, pdf, made);
  if (pages.length === 0) return false;
  const dpi = stmt<{ dpi: number }>(db, 'SELECT dpi FROM scan_pages WHERE sha256 = ? LIMIT 1');
  let bytes: Uint8Array;
  try {
    bytes = await assembleMaterialPdf(pages.map((p) => ({ jpeg: blobs.get(p), dpi: dpi.get(p)?.dpi ?? 300 })), made.name);
  } catch {
    return false; // a page image missing or damaged as well
  }
  if (createHash('sha256').update(bytes).digest('hex') !== pdf) return false;
  // The damaged file goes first: put() keeps a file already there.
  rmSync(blobs.pathOf(pdf), { force: true });
  blobs.put(bytes);
  appendAudit(db, clock, { actor: null, action: 'scan.pdf_rebuilt', subject: made.case_no, details: { pdf, entryId: made.entry_id, pages: pages.length } });
  return true;
}
