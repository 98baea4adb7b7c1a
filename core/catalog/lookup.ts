import type { Catalog, CatalogItem, Department, Hall, Localized, SigningMode } from './schema.js';

/**
 * What the notices need about an item beyond its own fields: its department (full name, how the
 * hall signs, 复议机关, court) and the hall. One place, so every notice reads them the same way.
 */

export function departmentOf(catalog: Pick<Catalog, 'departments'>, item: Pick<CatalogItem, 'department'>): Department | null {
  return catalog.departments.find((d) => d.id === item.department) ?? null;
}

/** The department's localized full name; the id itself when the catalog does not declare it (never silently blank). */
export function departmentName(catalog: Pick<Catalog, 'departments'>, item: Pick<CatalogItem, 'department'>): Localized {
  return departmentOf(catalog, item)?.name ?? { 'zh-CN': item.department, en: item.department };
}

export interface Redress {
  /** 行政复议机关; null when the catalog names none for this item. */
  reviewBody: Localized | null;
  /** The court with jurisdiction; null when the catalog names none. */
  court: Localized | null;
}

/** The 复议机关 and court of an item: its own where it names them, else its department's. */
export function redressOf(catalog: Pick<Catalog, 'departments'>, item: CatalogItem): Redress {
  const dept = departmentOf(catalog, item);
  return { reviewBody: item.reviewBody ?? dept?.reviewBody ?? null, court: item.court ?? dept?.court ?? null };
}

/**
 * The hall a terminal belongs to: the catalog's hall whose id or Chinese name is the terminal's
 * `hall` setting (set at enrollment), else the catalog's first hall; null when the catalog has none.
 */
export function hallOf(catalog: Pick<Catalog, 'halls'>, setting: string | null): Hall | null {
  const wanted = setting?.trim() ?? '';
  return catalog.halls.find((h) => h.id === wanted || h.name['zh-CN'] === wanted) ?? catalog.halls[0] ?? null;
}

/**
 * Who decides a case and signs its notices (DOMAIN.md, "What notices must get right"): the body
 * speaks for the implementing department by its full name; the hall may stamp only with its
 * 受理专用章 and "受 <department> 委托" printed.
 * - one department that signs with its own seal: that department, its seal;
 * - one department that entrusts the hall: the department decides, the hall signs on its behalf;
 * - several departments (a 一件事 across them): the hall signs on behalf of every one of them.
 * The 文号 (documentNumberPattern) is the department's, or the hall's for several departments; its
 * sequence is counted per `key` and year.
 */
export interface Issuer {
  /** The departments that decide, in item order, each once. */
  departments: Department[];
  signing: SigningMode;
  /** What the 文号 sequence is counted by: `department:<id>` or `hall:<id>`; null when no pattern applies. */
  key: string | null;
  documentNumberPattern: string | null;
}

export function issuerOf(catalog: Pick<Catalog, 'departments'>, items: readonly Pick<CatalogItem, 'department'>[], hall: Hall | null): Issuer {
  const departments: Department[] = [];
  for (const item of items) {
    const d = departmentOf(catalog, item);
    if (d && !departments.includes(d)) departments.push(d);
  }
  const [only] = departments;
  if (departments.length === 1 && only) {
    const pattern = only.documentNumberPattern ?? null;
    return { departments, signing: only.signing, key: pattern ? `department:${only.id}` : null, documentNumberPattern: pattern };
  }
  const pattern = hall?.documentNumberPattern ?? null;
  return { departments, signing: 'hall_entrusted', key: pattern && hall ? `hall:${hall.id}` : null, documentNumberPattern: pattern };
}

/**
 * A 文号 from its pattern: `{year}` the year, `{terminal}` the terminal code, `{seq}` the sequence
 * (4 digits at least). Unique without asking anyone, like case numbers: the sequence is this
 * terminal's, so a pattern without `{terminal}` gets the terminal code in front of the sequence
 * (黄市监受〔2026〕T3101010012-0007号).
 */
export function formatDocumentNumber(pattern: string, parts: { year: number; seq: number; terminal: string }): string {
  const seq = String(parts.seq).padStart(4, '0');
  const hasTerminal = pattern.includes('{terminal}');
  return pattern
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{terminal}', parts.terminal)
    .replaceAll('{seq}', hasTerminal ? seq : `${parts.terminal}-${seq}`);
}
