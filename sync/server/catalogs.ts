import { createHash } from 'node:crypto';
import { WorkingCalendar } from '../../core/calendar/working-days.js';
import { CATALOG_FORMAT_VERSION, parseCatalog, type Catalog } from '../../core/catalog/schema.js';
import { BUSINESS_UTC_OFFSET_MINUTES } from '../../core/time.js';
import { EVERYONE, writeChanges, type Written } from './changes.js';
import { isoOf, type Queryable } from './db/types.js';

export interface PublishedCatalog {
  id: number;
  version: string;
  publishedAt: string;
  catalog: Catalog;
  calendar: WorkingCalendar;
}

/**
 * Publishes a catalog (already validated with core's catalogSchema): kept with its history, because
 * a terminal that was offline judges its cases by the catalog it had, and sent down as the change
 * `catalog`/`current` that every terminal pulls.
 */
export async function publishCatalog(tx: Queryable, catalog: Catalog, by: string, now: string): Promise<{ id: number; sha256: string; written: Written | null }> {
  const sha256 = createHash('sha256').update(JSON.stringify(catalog)).digest('hex');
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO catalogs (catalog_version, sha256, data, published_at, published_by) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id',
    [catalog.catalogVersion, sha256, JSON.stringify(catalog), now, by],
  );
  const written = await writeChanges(tx, [{ scope: EVERYONE, kind: 'catalog', key: 'current', data: catalog }]);
  return { id: row?.id ?? 0, sha256, written };
}

/** A catalog published in an older format, migrated as an import of it would be (core/catalog/migrate.ts). */
function currentFormat(data: Catalog): Catalog {
  if (data.formatVersion === CATALOG_FORMAT_VERSION) return data;
  const r = parseCatalog(data);
  if (!r.ok) throw new Error(`a published catalog no longer parses: ${r.errors[0]?.path}: ${r.errors[0]?.message}`);
  return r.catalog;
}

/** How many published catalogs back a case may have been judged by (a terminal offline for a while). */
const VERSIONS_BACK = 3;

/** Which catalogs a command of a given day may have been judged by, most likely first. */
export type CatalogChooser = (day: string, named?: string) => PublishedCatalog[];

/**
 * The published catalogs, parsed once each (they never change once published) with their working
 * calendars, and which of them a command of a given day may have been made with.
 */
export class CatalogBook {
  private readonly loaded = new Map<number, PublishedCatalog>();

  /**
   * Reads the list of published catalogs once (per push) and loads those the given commands may need.
   * The chooser returns, most likely first: the catalog the command names (when it carries
   * `catalogVersion`), then the newest published by the end of its day and up to VERSIONS_BACK before
   * it (the terminal may not have pulled the newest yet), then the newest of all (the terminal's clock
   * may be behind). Empty when nothing was ever published.
   */
  async chooser(q: Queryable, wants: readonly { day: string; named?: string | undefined }[]): Promise<CatalogChooser> {
    const index = await q.query<{ id: number; catalog_version: string; published_at: unknown }>('SELECT id, catalog_version, published_at FROM catalogs ORDER BY id DESC');
    const pick = (day: string, named?: string): number[] => {
      if (index.length === 0) return [];
      const chosen: number[] = [];
      const add = (id: number | undefined): void => {
        if (id !== undefined && !chosen.includes(id)) chosen.push(id);
      };
      if (named) add(index.find((r) => r.catalog_version === named)?.id);
      const dayEnd = Date.parse(`${day}T00:00:00Z`) + 86_400_000 - BUSINESS_UTC_OFFSET_MINUTES * 60_000;
      const byThen = Number.isNaN(dayEnd) ? [] : index.filter((r) => Date.parse(isoOf(r.published_at)) < dayEnd);
      for (const r of byThen.slice(0, VERSIONS_BACK + 1)) add(r.id);
      add(index[0]?.id);
      if (byThen.length === 0) add(index.at(-1)?.id); // the day precedes every catalog: the first one too
      return chosen;
    };
    const needed = new Set(wants.flatMap((w) => pick(w.day, w.named)));
    for (const id of needed) await this.load(q, id);
    return (day, named) => pick(day, named).map((id) => this.loaded.get(id)).filter((c): c is PublishedCatalog => c !== undefined);
  }

  private async load(q: Queryable, id: number): Promise<PublishedCatalog> {
    const hit = this.loaded.get(id);
    if (hit) return hit;
    const [row] = await q.query<{ catalog_version: string; published_at: unknown; data: Catalog }>('SELECT catalog_version, published_at, data FROM catalogs WHERE id = $1', [id]);
    if (!row) throw new Error(`catalog ${id} vanished`);
    const catalog = currentFormat(row.data);
    const entry: PublishedCatalog = { id, version: row.catalog_version, publishedAt: isoOf(row.published_at), catalog, calendar: new WorkingCalendar(catalog.calendar) };
    this.loaded.set(id, entry);
    return entry;
  }
}
