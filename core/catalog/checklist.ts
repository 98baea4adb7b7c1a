import { DomainError } from '../result.js';
import type { Catalog, CatalogItem, Localized, Material, MaterialForm, MaterialFormat } from './schema.js';

/**
 * The material checklist (材料清单) for one item or several applied for together (一件事).
 *
 * Which materials merge: a bundle's `sharedMaterials` say that material X of item A and material Y
 * of item B are the same document. That is a fact about the documents, so every bundle's shared
 * materials are applied, restricted to the items asked for: a link counts when at least two of its
 * members are among them. Links chain (A.x = B.y in one bundle and B.y = C.z in another put all
 * three in one entry). Materials no link covers stay one entry each.
 *
 * How a merged entry is built:
 * - required: true if any merged material is required; key: true if any is key; copies: the max.
 * - form: original if any asks for the original, copy if any asks for a copy (both → original_and_copy).
 * - format: the strictest one asked: paper over electronic over either (a paper document can be
 *   scanned at the window; the reverse is not true); absent if none of them states one.
 * - exemptByCertificate: only when every merged material is exempt by the same certificate type,
 *   since an item that does not accept the e-certificate still needs the document.
 * - id and name: those of the shared material that linked the entry's first material (the first
 *   such link in catalog bundle order).
 * Entries come in the order of their first material, item by item in the order asked.
 */

export interface ChecklistSource {
  itemCode: string;
  materialId: string;
  required: boolean;
  key: boolean;
  form: MaterialForm;
  copies: number;
  format?: MaterialFormat;
}

export interface ChecklistEntry {
  /** `BUNDLE#sharedId` for a merged entry, `ITEM#materialId` for a material of one item. */
  id: string;
  name: Localized;
  /** True when the entry stands for materials of more than one item, or several of one item. */
  shared: boolean;
  required: boolean;
  key: boolean;
  form: MaterialForm;
  copies: number;
  format?: MaterialFormat;
  exemptByCertificate?: string;
  /** The item materials this one document satisfies, in checklist order. */
  satisfies: ChecklistSource[];
}

export interface Checklist {
  itemCodes: string[];
  entries: ChecklistEntry[];
}

/**
 * Builds the merged checklist for the given item codes (duplicates ignored). An unknown item code
 * is a DomainError `not_found` (reason `item_unknown`) naming the first one.
 */
export function mergedChecklist(catalog: Catalog, itemCodes: readonly string[]): Checklist {
  const byCode = new Map<string, CatalogItem>();
  for (const item of catalog.items) byCode.set(item.code, item);

  const codes: string[] = [];
  for (const [i, c] of itemCodes.entries()) {
    if (!byCode.has(c)) throw new DomainError('not_found', `unknown service item "${c}"`, `itemCodes[${i}]`, 'item_unknown');
    if (!codes.includes(c)) codes.push(c);
  }
  const asked = new Set(codes);

  // Every material asked for, keyed ITEM#id, in checklist order.
  const materials: { key: string; itemCode: string; material: Material }[] = [];
  for (const c of codes) {
    const item = byCode.get(c);
    if (item === undefined) continue;
    for (const m of item.materials) materials.push({ key: `${c}#${m.id}`, itemCode: c, material: m });
  }

  // Union-find over material keys, linked by shared materials among the items asked for.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    // path compression
    for (let cur = k; cur !== root; ) {
      const next = parent.get(cur) ?? root;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const { key } of materials) parent.set(key, key);
  /** root key → the first shared material that linked into it (for id and name). */
  const label = new Map<string, { id: string; name: Localized }>();
  const labelOf = new Map<string, { id: string; name: Localized }>();
  for (const bundle of catalog.bundles) {
    for (const sm of bundle.sharedMaterials) {
      const members = sm.appliesTo
        .filter((r) => asked.has(r.itemCode))
        .map((r) => `${r.itemCode}#${r.materialId}`)
        .filter((k) => parent.has(k));
      if (members.length < 2) continue;
      const tag = { id: `${bundle.code}#${sm.id}`, name: sm.name };
      for (const k of members) if (!labelOf.has(k)) labelOf.set(k, tag);
      const [first, ...rest] = members;
      if (first === undefined) continue;
      for (const k of rest) {
        const a = find(first);
        const b = find(k);
        if (a !== b) parent.set(b, a);
      }
    }
  }

  // Group in checklist order.
  const groups = new Map<string, { itemCode: string; material: Material; key: string }[]>();
  for (const entry of materials) {
    const root = find(entry.key);
    const g = groups.get(root);
    if (g === undefined) groups.set(root, [entry]);
    else g.push(entry);
  }
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    for (const m of members) {
      const tag = labelOf.get(m.key);
      if (tag !== undefined) {
        label.set(root, tag);
        break;
      }
    }
  }

  const entries: ChecklistEntry[] = [];
  for (const [root, members] of groups) {
    const first = members[0];
    if (first === undefined) continue;
    const satisfies = members.map(({ itemCode, material: m }) => source(itemCode, m));
    const tag = members.length > 1 ? label.get(root) : undefined;
    const entry: ChecklistEntry = {
      id: tag?.id ?? first.key,
      name: tag?.name ?? first.material.name,
      shared: members.length > 1,
      required: satisfies.some((s) => s.required),
      key: satisfies.some((s) => s.key),
      form: mergeForms(satisfies.map((s) => s.form)),
      copies: Math.max(...satisfies.map((s) => s.copies)),
      satisfies,
    };
    const format = mergeFormats(members.map((m) => m.material.format));
    if (format !== undefined) entry.format = format;
    const certs = new Set(members.map((m) => m.material.exemptByCertificate));
    const [onlyCert] = certs;
    if (certs.size === 1 && onlyCert !== undefined) entry.exemptByCertificate = onlyCert;
    entries.push(entry);
  }
  return { itemCodes: codes, entries };
}

/** The merged checklist of a bundle's items. An unknown bundle code is a DomainError `not_found` (reason `bundle_unknown`). */
export function bundleChecklist(catalog: Catalog, bundleCode: string): Checklist {
  const bundle = catalog.bundles.find((b) => b.code === bundleCode);
  if (bundle === undefined) throw new DomainError('not_found', `unknown bundle "${bundleCode}"`, 'bundleCode', 'bundle_unknown');
  return mergedChecklist(catalog, bundle.items);
}

function source(itemCode: string, m: Material): ChecklistSource {
  const s: ChecklistSource = { itemCode, materialId: m.id, required: m.required, key: m.key, form: m.form, copies: m.copies };
  if (m.format !== undefined) s.format = m.format;
  return s;
}

function mergeForms(forms: readonly MaterialForm[]): MaterialForm {
  const original = forms.some((f) => f !== 'copy');
  const copy = forms.some((f) => f !== 'original');
  if (original && copy) return 'original_and_copy';
  return original ? 'original' : 'copy';
}

function mergeFormats(formats: readonly (MaterialFormat | undefined)[]): MaterialFormat | undefined {
  if (formats.includes('paper')) return 'paper';
  if (formats.includes('electronic')) return 'electronic';
  if (formats.includes('either')) return 'either';
  return undefined;
}
