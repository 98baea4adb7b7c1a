import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { CATALOG_FORMAT_VERSION, parseCatalog, type Catalog } from '../../core/catalog/schema.js';
import { WorkingCalendar } from '../../core/calendar/working-days.js';
import { departmentName } from '../../core/catalog/lookup.js';
import { buildCatalogIndex, type CatalogIndex } from '../../core/catalog/search.js';

/**
 * The catalog lives in the store (typed columns for what is queried, the item as JSON for the rest) and,
 * once loaded, in memory with its search index and calendar: intake reads it on every keystroke.
 */
export interface LoadedCatalog {
  catalog: Catalog;
  index: CatalogIndex;
  calendar: WorkingCalendar;
}

/** Replaces the whole catalog in one transaction (the caller opens it, with the audit entry). */
export function writeCatalog(db: Database, catalog: Catalog, source: string, importedAt: string): void {
  db.exec('DELETE FROM catalog_items; DELETE FROM catalog_bundles; DELETE FROM calendar_years; DELETE FROM catalog_meta;');
  const item = db.prepare(
    `INSERT INTO catalog_items (code, name_zh, name_en, department_zh, category, kind, legal_limit_days, promised_limit_days, fee_fen, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of catalog.items) {
    item.run(i.code, i.name['zh-CN'], i.name.en, departmentName(catalog, i)['zh-CN'], i.category, i.kind, i.legalLimitDays, i.promisedLimitDays, i.fee.amountFen, JSON.stringify(i));
  }
  const bundle = db.prepare('INSERT INTO catalog_bundles (code, name_zh, name_en, data) VALUES (?, ?, ?, ?)');
  for (const b of catalog.bundles) bundle.run(b.code, b.name['zh-CN'], b.name.en, JSON.stringify(b));
  const year = db.prepare('INSERT INTO calendar_years (year, data) VALUES (?, ?)');
  for (const y of catalog.calendar) year.run(y.year, JSON.stringify(y));
  const { items: _i, bundles: _b, calendar: _c, ...meta } = catalog;
  const sha256 = createHash('sha256').update(JSON.stringify(catalog)).digest('hex');
  db.prepare('INSERT INTO catalog_meta (id, imported_at, source, sha256, data) VALUES (1, ?, ?, ?, ?)').run(importedAt, source, sha256, JSON.stringify(meta));
}

export function readCatalog(db: Database): Catalog | null {
  const meta = db.prepare('SELECT data FROM catalog_meta WHERE id = 1').get() as { data: string } | undefined;
  if (!meta) return null;
  const rows = (sql: string): unknown[] => (db.prepare(sql).all() as { data: string }[]).map((r) => JSON.parse(r.data) as unknown);
  const stored = {
    ...(JSON.parse(meta.data) as Omit<Catalog, 'items' | 'bundles' | 'calendar'>),
    items: rows('SELECT data FROM catalog_items ORDER BY rowid') as Catalog['items'],
    bundles: rows('SELECT data FROM catalog_bundles ORDER BY rowid') as Catalog['bundles'],
    calendar: rows('SELECT data FROM calendar_years ORDER BY year') as Catalog['calendar'],
  };
  if (stored.formatVersion === CATALOG_FORMAT_VERSION) return stored;
  // Imported by an older version of the app: migrated the way an import of that file would be.
  const migrated = parseCatalog(stored);
  return migrated.ok ? migrated.catalog : null;
}

export function loadCatalog(catalog: Catalog): LoadedCatalog {
  return { catalog, index: buildCatalogIndex(catalog), calendar: new WorkingCalendar(catalog.calendar) };
}
