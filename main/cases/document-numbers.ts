import type { Database } from 'better-sqlite3';
import { formatDocumentNumber, hallOf, issuerOf } from '../../core/catalog/lookup.js';
import type { Catalog, CatalogItem } from '../../core/catalog/schema.js';
import { stmt } from '../db/statements.js';

/**
 * The 文号 of a case's decision notice, taken inside the intake's transaction (the caller's): the
 * next number of its issuer's sequence for the year of `day`. null when the catalog gives the issuer
 * no pattern (the notice then keeps its SL-/BZ-… number).
 */
export function nextDocumentNo(db: Database, catalog: Catalog, itemCodes: readonly string[], hallSetting: string | null, terminalCode: string, day: string): string | null {
  const items = itemCodes.map((c) => catalog.items.find((i) => i.code === c)).filter((i): i is CatalogItem => i !== undefined);
  const issuer = issuerOf(catalog, items, hallOf(catalog, hallSetting));
  if (issuer.key === null || issuer.documentNumberPattern === null) return null;
  const year = Number(day.slice(0, 4));
  const row = stmt<{ last_seq: number }>(
    db,
    'INSERT INTO document_counters (issuer, year, last_seq) VALUES (?, ?, 1) ON CONFLICT (issuer, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq',
  ).get(issuer.key, year);
  if (!row) throw new Error('document counter not returned');
  return formatDocumentNumber(issuer.documentNumberPattern, { year, seq: row.last_seq, terminal: terminalCode });
}
