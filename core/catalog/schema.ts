import { z } from 'zod';
import { isIsoDate, isWeekend, parseIsoDate, weekdayOf } from '../calendar/dates.js';

/**
 * The catalog file: service items (事项), bundles (一件事), e-certificate types and the working-day
 * calendar, as the central service publishes them and a terminal imports them. The format is
 * documented in resources/catalog/README.md; keep the two in step.
 *
 * Objects are strict: an unknown key is an error, so a misspelt optional field (say
 * `exemptByCertifcate`) cannot silently drop an exemption. Keys starting with `_` are not allowed
 * either, except the documented notes (`_comment` at the top, `_source` in a calendar year).
 */

export const CATALOG_FORMAT_VERSION = 1;

export const CATEGORIES = ['residents', 'enterprises', 'social_security', 'construction', 'transport', 'other'] as const;
export const ITEM_KINDS = ['immediate', 'promised'] as const;
export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy'] as const;
export const MATERIAL_FORMATS = ['paper', 'electronic', 'either'] as const;
export const DELIVERY_METHODS = ['window', 'mail', 'electronic', 'self_service_terminal'] as const;
export const CALENDAR_STATUSES = ['official', 'provisional'] as const;
/** When an item's fee is taken: with the application (受理时缴费) or before the result is handed over (领证前缴费). */
export const FEE_PAY_AT = ['intake', 'delivery'] as const;

/** Item and bundle codes: upper-case letters and digits in hyphen-separated groups, e.g. 310101-SH-JM-001. */
const CODE_PATTERN = /^[0-9A-Z]+(?:-[0-9A-Z]+)*$/;
/** Material, shared-material and certificate-type ids: lower snake_case, e.g. resident_id_card. */
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const LIMIT_DAYS_MAX = 366;

const text = z.string().trim().min(1, 'must not be empty');
const code = z.string().max(64).regex(CODE_PATTERN, 'must be upper-case letters and digits in hyphen-separated groups, e.g. 310101-SH-JM-001');
const id = z.string().max(64).regex(ID_PATTERN, 'must be lower snake_case, e.g. resident_id_card');
const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
const limitDays = z.number().int('must be a whole number of working days').min(0).max(LIMIT_DAYS_MAX);

export const localizedSchema = z.strictObject({ 'zh-CN': text, en: text });

export const certificateTypeSchema = z.strictObject({
  code: id,
  name: localizedSchema,
});

export const materialSchema = z.strictObject({
  id,
  name: localizedSchema,
  required: z.boolean(),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number().int('must be a whole number').min(1).max(99),
  format: z.enum(MATERIAL_FORMATS).optional(),
  /** Type code of the e-certificate that, when found for the applicant, replaces this material. */
  exemptByCertificate: id.optional(),
  /** A key material (关键材料) may not be missing under 容缺受理 (accept with gaps). */
  key: z.boolean(),
});

export const itemSchema = z.strictObject({
  code,
  name: localizedSchema,
  department: localizedSchema,
  category: z.enum(CATEGORIES),
  kind: z.enum(ITEM_KINDS),
  legalLimitDays: limitDays,
  promisedLimitDays: limitDays,
  fee: z.strictObject({
    amountFen: z.number().int('must be a whole number of fen').min(0),
    note: localizedSchema.optional(),
    /** 收费依据: the document that sets the fee, printed on the receipt slip. */
    basis: localizedSchema.optional(),
    /** Absent: at delivery. Either way an unpaid fee holds the result back. */
    payAt: z.enum(FEE_PAY_AT).optional(),
  }),
  legalBasis: localizedSchema,
  delivery: z.array(z.enum(DELIVERY_METHODS)).min(1),
  materials: z.array(materialSchema).min(1),
});

export const sharedMaterialSchema = z.strictObject({
  id,
  name: localizedSchema,
  appliesTo: z.array(z.strictObject({ itemCode: code, materialId: id })).min(2),
});

export const bundleSchema = z.strictObject({
  code,
  name: localizedSchema,
  items: z.array(code).min(2),
  sharedMaterials: z.array(sharedMaterialSchema),
});

export const calendarYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  status: z.enum(CALENDAR_STATUSES).optional(),
  holidays: z.array(isoDate),
  makeupWorkdays: z.array(isoDate),
  /** Where the dates come from, for a person to check. Not used in computation. */
  _source: z.string().optional(),
});

const catalogShape = z.strictObject({
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  catalogVersion: text,
  _comment: z.string().optional(),
  certificateTypes: z.array(certificateTypeSchema),
  items: z.array(itemSchema),
  bundles: z.array(bundleSchema),
  calendar: z.array(calendarYearSchema),
});

/** The whole catalog file. The cross-field checks run even when parts of the file are malformed. */
export const catalogSchema = catalogShape.superRefine(
  (value, ctx) => {
    for (const issue of crossFieldIssues(value)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  },
  // Run the cross-field checks whatever else failed, so one pass reports every error.
  { when: () => true },
);

export type Localized = z.infer<typeof localizedSchema>;
export type Category = (typeof CATEGORIES)[number];
export type ItemKind = (typeof ITEM_KINDS)[number];
export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export type MaterialFormat = (typeof MATERIAL_FORMATS)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export type FeePayAt = (typeof FEE_PAY_AT)[number];
export type CertificateType = z.infer<typeof certificateTypeSchema>;
export type Material = z.infer<typeof materialSchema>;
export type CatalogItem = z.infer<typeof itemSchema>;
export type SharedMaterial = z.infer<typeof sharedMaterialSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
export type CalendarYear = z.infer<typeof calendarYearSchema>;
export type Catalog = z.infer<typeof catalogShape>;

export interface CatalogIssue {
  /** JSON path of the offending value, e.g. `items[3].materials[1].copies`; `$` for the file itself. */
  path: string;
  message: string;
}

export type ParseCatalogResult = { ok: true; catalog: Catalog } | { ok: false; errors: CatalogIssue[] };

/**
 * Validates a catalog file (already parsed from JSON) and reports every error with its location,
 * never just the first. A `formatVersion` other than 1 is reported alone: the rest of a file in an
 * unknown format cannot be judged.
 */
export function parseCatalog(json: unknown): ParseCatalogResult {
  if (isRecord(json) && 'formatVersion' in json && json.formatVersion !== CATALOG_FORMAT_VERSION) {
    return {
      ok: false,
      errors: [
        {
          path: 'formatVersion',
          message: `unsupported catalog format ${JSON.stringify(json.formatVersion)}; this app reads formatVersion ${CATALOG_FORMAT_VERSION}`,
        },
      ],
    };
  }
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return { ok: true, catalog: parsed.data };
  const errors: CatalogIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
    } else {
      errors.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return { ok: false, errors };
}

/** `['items', 3, 'name', 'zh-CN']` → `items[3].name["zh-CN"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out === '' ? '$' : out;
}

// ---------------------------------------------------------------------------------------------
// Cross-field checks. They read the input defensively (it may be only partly well-formed) and
// judge only the parts whose shape they can see; the field schemas report the rest.

interface RawIssue {
  path: (string | number)[];
  message: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function crossFieldIssues(root: unknown): RawIssue[] {
  const issues: RawIssue[] = [];
  if (!isRecord(root)) return issues;
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ path, message });
  };

  // Certificate types: unique codes.
  const certTypes = new Map<string, number>();
  arrayOf(root.certificateTypes).forEach((ct, i) => {
    const c = isRecord(ct) ? stringOf(ct.code) : undefined;
    if (c === undefined) return;
    const first = certTypes.get(c);
    if (first !== undefined) add(['certificateTypes', i, 'code'], `duplicate certificate type "${c}" (first at certificateTypes[${first}])`);
    else certTypes.set(c, i);
  });
  const certTypesKnown = Array.isArray(root.certificateTypes);

  // Items: unique codes; per item: time limits by kind, unique material ids, key ⇒ required,
  // exemptions name a declared certificate type.
  const itemCodes = new Map<string, number>();
  /** item code → its material ids */
  const materialsByItem = new Map<string, Set<string>>();
  arrayOf(root.items).forEach((item, i) => {
    if (!isRecord(item)) return;
    const c = stringOf(item.code);
    if (c !== undefined) {
      const first = itemCodes.get(c);
      if (first !== undefined) add(['items', i, 'code'], `duplicate item code "${c}" (first at items[${first}])`);
      else itemCodes.set(c, i);
    }
    const legal = item.legalLimitDays;
    const promised = item.promisedLimitDays;
    if (typeof legal === 'number' && typeof promised === 'number' && promised > legal) {
      add(['items', i, 'promisedLimitDays'], `promised limit (${promised}) must not exceed the legal limit (${legal})`);
    }
    if (item.kind === 'immediate' && typeof promised === 'number' && promised !== 0) {
      add(['items', i, 'promisedLimitDays'], 'an immediate item (即办件) has a promised limit of 0');
    }
    if (item.kind === 'promised' && promised === 0) {
      add(['items', i, 'promisedLimitDays'], 'a promised item (承诺件) needs a promised limit of at least 1 working day; use kind "immediate" for 0');
    }
    const ids = new Map<string, number>();
    arrayOf(item.materials).forEach((m, j) => {
      if (!isRecord(m)) return;
      const mid = stringOf(m.id);
      if (mid !== undefined) {
        const first = ids.get(mid);
        if (first !== undefined) add(['items', i, 'materials', j, 'id'], `duplicate material id "${mid}" in this item (first at materials[${first}])`);
        else ids.set(mid, j);
      }
      if (m.key === true && m.required === false) {
        add(['items', i, 'materials', j, 'key'], 'a key material must be required');
      }
      const cert = stringOf(m.exemptByCertificate);
      if (cert !== undefined && certTypesKnown && !certTypes.has(cert)) {
        add(['items', i, 'materials', j, 'exemptByCertificate'], `unknown certificate type "${cert}" (not in certificateTypes)`);
      }
    });
    if (c !== undefined && !materialsByItem.has(c)) materialsByItem.set(c, new Set(ids.keys()));
  });
  const itemsKnown = Array.isArray(root.items);

  // Bundles: codes unique among bundles and items; member items exist, are distinct, ≥ 2 of them;
  // shared materials reference members' existing materials, each (item, material) pair at most once.
  const bundleCodes = new Map<string, number>();
  arrayOf(root.bundles).forEach((bundle, b) => {
    if (!isRecord(bundle)) return;
    const c = stringOf(bundle.code);
    if (c !== undefined) {
      const first = bundleCodes.get(c);
      const asItem = itemCodes.get(c);
      if (first !== undefined) add(['bundles', b, 'code'], `duplicate bundle code "${c}" (first at bundles[${first}])`);
      else if (asItem !== undefined) add(['bundles', b, 'code'], `bundle code "${c}" is already an item code (items[${asItem}])`);
      else bundleCodes.set(c, b);
    }
    const members = new Set<string>();
    arrayOf(bundle.items).forEach((ic, k) => {
      const itemCode = stringOf(ic);
      if (itemCode === undefined) return;
      if (members.has(itemCode)) add(['bundles', b, 'items', k], `item "${itemCode}" is listed twice in this bundle`);
      members.add(itemCode);
      if (itemsKnown && !itemCodes.has(itemCode)) add(['bundles', b, 'items', k], `unknown item code "${itemCode}"`);
    });
    const sharedIds = new Map<string, number>();
    const claimed = new Map<string, string>();
    arrayOf(bundle.sharedMaterials).forEach((sm, s) => {
      if (!isRecord(sm)) return;
      const sid = stringOf(sm.id);
      if (sid !== undefined) {
        const first = sharedIds.get(sid);
        if (first !== undefined) add(['bundles', b, 'sharedMaterials', s, 'id'], `duplicate shared material id "${sid}" (first at sharedMaterials[${first}])`);
        else sharedIds.set(sid, s);
      }
      arrayOf(sm.appliesTo).forEach((ref, r) => {
        if (!isRecord(ref)) return;
        const itemCode = stringOf(ref.itemCode);
        const materialId = stringOf(ref.materialId);
        const at: (string | number)[] = ['bundles', b, 'sharedMaterials', s, 'appliesTo', r];
        if (itemCode === undefined || materialId === undefined) return;
        if (!members.has(itemCode)) {
          add([...at, 'itemCode'], `item "${itemCode}" is not one of this bundle's items`);
          return;
        }
        const mats = materialsByItem.get(itemCode);
        if (itemsKnown && itemCodes.has(itemCode) && mats !== undefined && !mats.has(materialId)) {
          add([...at, 'materialId'], `item "${itemCode}" has no material "${materialId}"`);
          return;
        }
        const pair = `${itemCode}\u0000${materialId}`;
        const owner = claimed.get(pair);
        if (owner !== undefined) add(at, `material "${materialId}" of item "${itemCode}" is already part of shared material "${owner}"`);
        else claimed.set(pair, sid ?? `#${s}`);
      });
    });
  });

  // Calendar: one entry per year; dates in the stated year, listed once, never both a holiday and a
  // make-up workday; a make-up workday falls on a Saturday or Sunday (else it changes nothing).
  const years = new Map<number, number>();
  arrayOf(root.calendar).forEach((entry, e) => {
    if (!isRecord(entry)) return;
    const year = typeof entry.year === 'number' && Number.isInteger(entry.year) ? entry.year : undefined;
    if (year !== undefined) {
      const first = years.get(year);
      if (first !== undefined) add(['calendar', e, 'year'], `year ${year} is given twice (first at calendar[${first}])`);
      else years.set(year, e);
    }
    const holidays = new Set<string>();
    for (const list of ['holidays', 'makeupWorkdays'] as const) {
      const seen = new Set<string>();
      arrayOf(entry[list]).forEach((v, k) => {
        const date = stringOf(v);
        if (date === undefined) return;
        const d = parseIsoDate(date);
        if (d === null) return; // the field schema reports it
        const at: (string | number)[] = ['calendar', e, list, k];
        if (year !== undefined && d.year !== year) add(at, `${date} is not in ${year}`);
        if (seen.has(date)) add(at, `${date} is listed twice`);
        seen.add(date);
        if (list === 'holidays') holidays.add(date);
        else {
          if (holidays.has(date)) add(at, `${date} is both a holiday and a make-up workday`);
          const wd = weekdayOf(date);
          if (wd !== null && !isWeekend(wd)) add(at, `${date} is a weekday; a make-up workday is a Saturday or Sunday`);
        }
      });
    }
  });

  return issues;
}
