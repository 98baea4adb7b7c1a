import type { CatalogIssue } from './schema.js';

/**
 * Catalog files of an older format, rewritten into the current one before validation
 * (parseCatalog calls this). A migration fills in only what the old format implies exactly, and
 * chooses the cautious default where it cannot know; every such choice is one note, with the JSON
 * path it concerns, so the person importing sees what to ask the centre for. The input may be
 * malformed: what cannot be read is left as it is, for the current schema to report.
 *
 * Format 1 → 2 (resources/catalog/README.md, "Format versions"):
 * - limits: format 1 counted every limit in working days, so both units become `working_days`;
 * - departments: format 1 named them on each item; each distinct name becomes a department
 *   (`department_1`, … in order of first use) signing with the hall's 受理专用章, without a 复议机关
 *   or court (refusals of its items are refused until the centre names them);
 * - item types: format 1 has none; every item becomes `other_power`, so no notice cites
 *   行政许可法 §32 for an item that may not be a licence;
 * - halls: format 1 has none; notices print without the hall's address and phones.
 */
export interface MigratedCatalog {
  catalog: Record<string, unknown>;
  notes: CatalogIssue[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function migrateCatalog(json: Record<string, unknown>, from: number): MigratedCatalog {
  if (from !== 1) throw new RangeError(`no migration from catalog format ${from}`);
  return fromV1(json);
}

function fromV1(v1: Record<string, unknown>): MigratedCatalog {
  const notes: CatalogIssue[] = [{ path: 'formatVersion', message: 'format 1 file, migrated to format 2 on import' }];
  const departments: Record<string, unknown>[] = [];
  const idByName = new Map<string, string>();
  const items = Array.isArray(v1.items) ? v1.items : null;
  let count = 0;
  const migratedItems = items?.map((raw) => {
    if (!isRecord(raw)) return raw;
    count += 1;
    const item: Record<string, unknown> = { ...raw };
    const dept = raw.department;
    if (isRecord(dept) && typeof dept['zh-CN'] === 'string') {
      const key = dept['zh-CN'];
      let deptId = idByName.get(key);
      if (deptId === undefined) {
        deptId = `department_${departments.length + 1}`;
        idByName.set(key, deptId);
        departments.push({ id: deptId, name: dept, signing: 'hall_entrusted' });
      }
      item.department = deptId;
    }
    if (!('itemType' in item)) item.itemType = 'other_power';
    if (!('legalLimitUnit' in item)) item.legalLimitUnit = 'working_days';
    if (!('promisedLimitUnit' in item)) item.promisedLimitUnit = 'working_days';
    return item;
  });
  if (items) {
    notes.push({ path: 'items[*].legalLimitUnit', message: `set to working_days for ${count} items: format 1 counted every limit in working days` });
    notes.push({ path: 'items[*].promisedLimitUnit', message: `set to working_days for ${count} items, as above` });
    notes.push({
      path: 'items[*].itemType',
      message: `format 1 has no item type (事项类型): ${count} items set to other_power (其他行政权力), so their notices cite each item's own legal basis and never 行政许可法 §32; ask the centre for the real types`,
    });
  }
  departments.forEach((d, k) => {
    const name = isRecord(d.name) ? String(d.name['zh-CN']) : '';
    notes.push({
      path: `departments[${k}]`,
      message: `"${name}" made from the items' department names (format 1); it signs with the hall's 受理专用章, and has no 复议机关 or court yet, so refusals (不予受理) of its items are refused (redress_unknown) until the centre publishes them`,
    });
  });
  notes.push({ path: 'halls', message: "format 1 names no hall: notices print without the hall's address and phones until the centre publishes format 2" });
  const { formatVersion: _v, ...rest } = v1;
  const catalog: Record<string, unknown> = { formatVersion: 2, ...rest, halls: [], departments };
  if (migratedItems) catalog.items = migratedItems;
  return { catalog, notes };
}
