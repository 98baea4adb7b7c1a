import type { Database } from 'better-sqlite3';
import type { ScanPage } from '../../core/api/contract-scans.js';
import { DomainError } from '../../core/result.js';
import type { BlobStore } from '../blobs/store.js';
import { stmt } from '../db/statements.js';
import type { PreparedPage } from './pages.js';

/**
 * The pages of an intake's batch in the store. Every write follows one order: the page's files go into
 * the blob store first (fsynced there), then ONE transaction writes the row; a crash between the two
 * leaves a file no row points at, which the orphan job removes (main/scanning/orphans.ts), never a row
 * pointing at nothing.
 */
export type PageSource = ScanPage['source'];

interface PageRow {
  id: number;
  intake_id: string;
  pos: number;
  original_sha256: string;
  sha256: string;
  thumb_sha256: string;
  width: number;
  height: number;
  dpi: number;
  bytes: number;
  source: PageSource;
  source_name: string | null;
  blank: number;
  excluded: number;
  deleted: number;
  rotation: 0 | 90 | 180 | 270;
  entry_id: string | null;
  created_at: string;
}

function toPage(r: PageRow): ScanPage {
  return {
    id: r.id,
    pos: r.pos,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    dpi: r.dpi,
    bytes: r.bytes,
    source: r.source,
    sourceName: r.source_name,
    blank: r.blank === 1,
    excluded: r.excluded === 1,
    deleted: r.deleted === 1,
    rotation: r.rotation,
    entryId: r.entry_id,
    createdAt: r.created_at,
  };
}

export function pageRow(db: Database, pageId: number): PageRow {
  const row = stmt(db, 'SELECT * FROM scan_pages WHERE id = ?').get(pageId) as PageRow | undefined;
  if (!row) throw new DomainError('not_found', `no scanned page ${pageId}`, 'pageId', 'page_not_found');
  return row;
}

export function listPages(db: Database, intakeId: string): ScanPage[] {
  return (stmt(db, 'SELECT * FROM scan_pages WHERE intake_id = ? ORDER BY pos, id').all(intakeId) as PageRow[]).map(toPage);
}

/**
 * Refuses changes to a batch whose intake has been submitted: its pages now belong to the case. Also
 * when the intake became a case without any batch (pages that arrive after that would belong to nothing).
 */
export function assertBatchOpen(db: Database, intakeId: string): void {
  const row = stmt(db, 'SELECT case_id FROM scan_batches WHERE intake_id = ?').get(intakeId) as { case_id: number | null } | undefined;
  const closed = row ? row.case_id !== null : stmt(db, 'SELECT 1 FROM cases WHERE intake_id = ?').get(intakeId) !== undefined;
  if (closed) throw new DomainError('conflict', 'the intake of these pages has been submitted', 'intakeId', 'batch_closed');
}

function touch(db: Database, intakeId: string, staffId: number, now: string): void {
  assertBatchOpen(db, intakeId);
  stmt(db, 'INSERT INTO scan_batches (intake_id, staff_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (intake_id) DO UPDATE SET updated_at = excluded.updated_at, version = version + 1').run(
    intakeId,
    staffId,
    now,
    now,
  );
}

export interface NewPage {
  prepared: PreparedPage;
  dpi: number;
  source: PageSource;
  sourceName: string | null;
}

/** Stores the pages' files, then adds all of them to the batch in one transaction (all or none). */
export function addPages(db: Database, blobs: BlobStore, p: { intakeId: string; staffId: number; now: string; pages: readonly NewPage[] }): number[] {
  const stored = p.pages.map((page) => ({ page, sha256: blobs.put(page.prepared.jpeg), thumb: blobs.put(page.prepared.thumbnail) }));
  return db.transaction(() => {
    touch(db, p.intakeId, p.staffId, p.now);
    const last = stmt(db, 'SELECT max(pos) AS pos FROM scan_pages WHERE intake_id = ?').get(p.intakeId) as { pos: number | null };
    let pos = (last.pos ?? -1) + 1;
    const insert = stmt(
      db,
      `INSERT INTO scan_pages (intake_id, pos, original_sha256, sha256, thumb_sha256, width, height, dpi, bytes, source, source_name, blank, excluded, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return stored.map(({ page, sha256, thumb }) => {
      const { prepared } = page;
      const blank = prepared.blank ? 1 : 0;
      // A blank page starts excluded: it is kept (the clerk can take it back) but not sent.
      const info = insert.run(p.intakeId, pos++, sha256, sha256, thumb, prepared.width, prepared.height, page.dpi, prepared.jpeg.byteLength, page.source, page.sourceName, blank, blank, p.now);
      return Number(info.lastInsertRowid);
    });
  })();
}

export interface PageChange {
  excluded?: boolean;
  deleted?: boolean;
  entryId?: string | null;
  /** A new rendition (after a rotation), already prepared from the original. */
  rendition?: { rotation: 0 | 90 | 180 | 270; prepared: PreparedPage };
}

export function updatePage(db: Database, blobs: BlobStore, pageId: number, change: PageChange, p: { staffId: number; now: string }): ScanPage {
  const r = change.rendition ? { rotation: change.rendition.rotation, sha256: blobs.put(change.rendition.prepared.jpeg), thumb: blobs.put(change.rendition.prepared.thumbnail), bytes: change.rendition.prepared.jpeg.byteLength, width: change.rendition.prepared.width, height: change.rendition.prepared.height } : null;
  return db.transaction(() => {
    const row = pageRow(db, pageId);
    touch(db, row.intake_id, p.staffId, p.now);
    if (r) {
      stmt(db, 'UPDATE scan_pages SET rotation = ?, sha256 = ?, thumb_sha256 = ?, bytes = ?, width = ?, height = ? WHERE id = ?').run(r.rotation, r.sha256, r.thumb, r.bytes, r.width, r.height, pageId);
    }
    if (change.excluded !== undefined) stmt(db, 'UPDATE scan_pages SET excluded = ? WHERE id = ?').run(change.excluded ? 1 : 0, pageId);
    if (change.deleted !== undefined) stmt(db, 'UPDATE scan_pages SET deleted = ? WHERE id = ?').run(change.deleted ? 1 : 0, pageId);
    if (change.entryId !== undefined) stmt(db, 'UPDATE scan_pages SET entry_id = ? WHERE id = ?').run(change.entryId, pageId);
    return toPage(pageRow(db, pageId));
  })();
}

export function assignPages(db: Database, p: { intakeId: string; pageIds: readonly number[]; entryId: string | null; staffId: number; now: string }): void {
  db.transaction(() => {
    touch(db, p.intakeId, p.staffId, p.now);
    const set = stmt(db, 'UPDATE scan_pages SET entry_id = ? WHERE id = ? AND intake_id = ?');
    for (const id of p.pageIds) {
      if (set.run(p.entryId, id, p.intakeId).changes !== 1) throw new DomainError('not_found', `page ${id} is not in this batch`, 'pageIds', 'page_not_found');
    }
  })();
}

export function reorderPages(db: Database, p: { intakeId: string; pageIds: readonly number[]; staffId: number; now: string }): void {
  db.transaction(() => {
    touch(db, p.intakeId, p.staffId, p.now);
    const ids = (stmt(db, 'SELECT id FROM scan_pages WHERE intake_id = ?').all(p.intakeId) as { id: number }[]).map((r) => r.id);
    const given = new Set(p.pageIds);
    if (given.size !== p.pageIds.length || given.size !== ids.length || !ids.every((id) => given.has(id))) {
      throw new DomainError('invalid_input', 'give every page of the batch exactly once', 'pageIds', 'order_incomplete');
    }
    const set = stmt(db, 'UPDATE scan_pages SET pos = ? WHERE id = ?');
    p.pageIds.forEach((id, pos) => set.run(pos, id));
  })();
}

export interface OpenBatch {
  intakeId: string;
  createdAt: string;
  updatedAt: string;
  staff: string;
  pages: number;
}

export function openBatches(db: Database): OpenBatch[] {
  return stmt(
    db,
    `SELECT b.intake_id AS intakeId, b.created_at AS createdAt, b.updated_at AS updatedAt, s.login AS staff,
            (SELECT count(*) FROM scan_pages p WHERE p.intake_id = b.intake_id AND p.deleted = 0) AS pages
       FROM scan_batches b JOIN staff s ON s.id = b.staff_id
      WHERE b.case_id IS NULL ORDER BY b.updated_at DESC`,
  ).all() as OpenBatch[];
}

/** Removes an open batch's rows; its files become orphans for the cleanup job. Returns the pages removed. */
export function discardBatch(db: Database, intakeId: string): number {
  return db.transaction(() => {
    assertBatchOpen(db, intakeId);
    const n = stmt(db, 'DELETE FROM scan_pages WHERE intake_id = ?').run(intakeId).changes;
    stmt(db, 'DELETE FROM scan_batches WHERE intake_id = ?').run(intakeId);
    return n;
  })();
}

/** Every blob a row still points at (pages, case PDFs, what waiting commands will upload and retained ones may upload again): what the orphan job keeps. */
export function referencedBlobs(db: Database): Set<string> {
  const rows = db
    .prepare(
      `SELECT original_sha256 AS h FROM scan_pages UNION SELECT sha256 FROM scan_pages UNION SELECT thumb_sha256 FROM scan_pages
       UNION SELECT pdf_sha256 FROM case_scans
       UNION SELECT value FROM outbox, json_each(outbox.blobs)
       UNION SELECT value FROM outbox_sent, json_each(outbox_sent.blobs)`,
    )
    .pluck()
    .all() as string[];
  return new Set(rows);
}
