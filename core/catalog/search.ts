import { pinyin } from 'pinyin-pro';
import { departmentName } from './lookup.js';
import type { Catalog, Category, Localized } from './schema.js';

/**
 * Search over the catalog's items and bundles, for the counter's "find a service item" box.
 *
 * A query matches an entry by its code, its Chinese name, its English name (case-insensitive) or the
 * pinyin initials of its Chinese name (`hkqr` → 户口迁入). Ranking, best first:
 *   1. code_exact       the code, ignoring case
 *   2. code_prefix      the code starts with the query
 *   3. name_prefix      the Chinese or English name starts with the query
 *   4. initials_prefix  the pinyin initials start with the query (letters and digits only)
 *   5. substring        the query occurs anywhere in the code, either name, or (≥ 2 characters)
 *                       the initials
 * Within a rank: code ranks in code order; name ranks shorter Chinese name first, then code order.
 *
 * Everything a query compares against (lower-cased code and names, initials) is computed once in
 * `buildCatalogIndex`; a query is one binary search over the codes plus one pass of startsWith /
 * includes over precomputed strings, with no allocation per entry and no sort.
 */

export type SearchMatch = 'code_exact' | 'code_prefix' | 'name_prefix' | 'initials_prefix' | 'substring';

export interface SearchHit {
  kind: 'item' | 'bundle';
  code: string;
  name: Localized;
  /** Items only. */
  category?: Category;
  /** Items only. */
  department?: Localized;
  matchedBy: SearchMatch;
}

interface IndexEntry {
  kind: 'item' | 'bundle';
  code: string;
  name: Localized;
  category?: Category;
  department?: Localized;
  codeLower: string;
  zhLower: string;
  enLower: string;
  /** Pinyin initials of the Chinese name, lower case, letters and digits only. */
  initials: string;
}

export interface CatalogIndex {
  /** Entries sorted by lower-cased code (for the binary search of code prefixes). */
  readonly byCode: readonly IndexEntry[];
  /** Entries sorted by Chinese name length, then code (the order of the name ranks). */
  readonly byName: readonly IndexEntry[];
}

const RANKS: readonly SearchMatch[] = ['code_exact', 'code_prefix', 'name_prefix', 'initials_prefix', 'substring'];
const ALNUM = /^[a-z0-9]+$/;

/** Pinyin initials of a text: `户口迁入` → `hkqr`; Latin letters and digits are kept, the rest dropped. */
export function pinyinInitials(text: string): string {
  const parts = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' });
  let out = '';
  for (const p of parts) {
    const lower = p.toLowerCase();
    if (ALNUM.test(lower)) out += lower;
  }
  return out;
}

export function buildCatalogIndex(catalog: Pick<Catalog, 'items' | 'bundles' | 'departments'>): CatalogIndex {
  const entries: IndexEntry[] = [];
  const base = (kind: 'item' | 'bundle', code: string, name: Localized): IndexEntry => ({
    kind,
    code,
    name,
    codeLower: code.toLowerCase(),
    zhLower: name['zh-CN'].toLowerCase(),
    enLower: name.en.toLowerCase(),
    initials: pinyinInitials(name['zh-CN']),
  });
  for (const item of catalog.items) {
    const e = base('item', item.code, item.name);
    e.category = item.category;
    e.department = departmentName(catalog, item);
    entries.push(e);
  }
  for (const bundle of catalog.bundles) entries.push(base('bundle', bundle.code, bundle.name));

  const byCode = [...entries].sort((a, b) => compareStrings(a.codeLower, b.codeLower));
  const byName = [...entries].sort((a, b) => a.zhLower.length - b.zhLower.length || compareStrings(a.codeLower, b.codeLower));
  return { byCode, byName };
}

/** Up to `limit` hits for `query`, best first. An empty query finds nothing. */
export function search(index: CatalogIndex, query: string, limit = 20): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '' || limit <= 0) return [];
  const buckets: IndexEntry[][] = RANKS.map(() => []);
  const taken = new Set<IndexEntry>();

  // Codes: binary search for the first code ≥ q, then walk while the prefix holds.
  const codes = index.byCode;
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = codes[mid];
    if (e !== undefined && e.codeLower < q) lo = mid + 1;
    else hi = mid;
  }
  const [exact, prefix] = [buckets[0] ?? [], buckets[1] ?? []];
  for (let i = lo; i < codes.length && exact.length + prefix.length < limit + 1; i += 1) {
    const e = codes[i];
    if (e === undefined || !e.codeLower.startsWith(q)) break;
    (e.codeLower === q ? exact : prefix).push(e);
    taken.add(e);
  }

  let found = exact.length + prefix.length;
  if (found < limit) {
    const initialsQuery = ALNUM.test(q);
    const [namePrefix, initialsPrefix, substring] = [buckets[2] ?? [], buckets[3] ?? [], buckets[4] ?? []];
    for (const e of index.byName) {
      if (taken.has(e)) continue;
      if (e.zhLower.startsWith(q) || e.enLower.startsWith(q)) {
        namePrefix.push(e);
        found += 1;
      } else if (found >= limit) {
        // Enough hits of a better rank already: only name prefixes can still make the cut.
        continue;
      } else if (initialsQuery && e.initials.startsWith(q)) {
        initialsPrefix.push(e);
      } else if (
        e.zhLower.includes(q) ||
        e.enLower.includes(q) ||
        e.codeLower.includes(q) ||
        (initialsQuery && q.length >= 2 && e.initials.includes(q))
      ) {
        substring.push(e);
      }
    }
  }

  const hits: SearchHit[] = [];
  for (const [r, bucket] of buckets.entries()) {
    const matchedBy = RANKS[r];
    if (matchedBy === undefined) continue;
    for (const e of bucket) {
      if (hits.length >= limit) return hits;
      const hit: SearchHit = { kind: e.kind, code: e.code, name: e.name, matchedBy };
      if (e.category !== undefined) hit.category = e.category;
      if (e.department !== undefined) hit.department = e.department;
      hits.push(hit);
    }
  }
  return hits;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
