import { bundleChecklist, mergedChecklist, type Checklist, type ChecklistEntry } from '../catalog/checklist.js';
import type { Catalog, CatalogItem, Localized, MaterialForm } from '../catalog/schema.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { INTAKE_REASONS } from '../reasons.js';
import { DomainError } from '../result.js';
import type { AcceptInput, CompleteInput, CorrectionInput, IntakeOutcome, IntakeTarget, MaterialMark, RejectInput } from './schema.js';

/**
 * The business rules of the four outcomes at the counter, as one pure function from what the clerk
 * entered to what the case will be. The store and the central service both run it, so a command the
 * terminal accepted offline is judged by the same rules when it reaches the centre.
 */
export interface IntakeRules {
  catalog: Catalog;
  calendar: WorkingCalendar;
  /** The terminal's business day, 'YYYY-MM-DD'. */
  today: string;
}

export type MaterialStatus = MaterialMark['status'];

export interface PlannedMaterial {
  entryId: string;
  name: Localized;
  required: boolean;
  key: boolean;
  status: MaterialStatus;
  form?: MaterialForm;
  copies?: number;
  pages?: number;
  /** Exemption reason, or what is wrong with it. */
  note?: string;
  /** For a material missing under 容缺受理: the date it is promised by. */
  promisedDate?: string;
}

export interface CasePlan {
  outcome: IntakeOutcome;
  withGaps: boolean;
  itemCodes: string[];
  bundleCode?: string;
  title: Localized;
  materials: PlannedMaterial[];
  feeFen: number;
  legalLimitDays: number;
  promisedLimitDays: number;
  /** Accepted cases: acceptance day + promised working days through the calendar. */
  dueDate?: string;
  /** Corrections: by when to supply; accepted with gaps: by when the missing ones are promised. */
  deadline?: string;
  rejectReason?: string;
  competentAuthority?: string;
}

type Input =
  | { outcome: 'accepted'; input: AcceptInput }
  | { outcome: 'correction'; input: CorrectionInput }
  | { outcome: 'rejected'; input: RejectInput }
  | { outcome: 'completed'; input: CompleteInput };

type IntakeReason = (typeof INTAKE_REASONS)[number];

const refuse = (reason: IntakeReason, message: string, field?: string, code: 'invalid_input' | 'not_found' | 'conflict' = 'invalid_input'): DomainError =>
  new DomainError(code, message, field, reason);

export interface ResolvedTarget {
  itemCodes: string[];
  bundleCode?: string;
  items: CatalogItem[];
  checklist: Checklist;
  title: Localized;
}

/** The items, merged checklist and title an intake is about; refuses unknown codes with the field named. */
export function resolveTarget(catalog: Catalog, target: IntakeTarget): ResolvedTarget {
  if ('bundleCode' in target) {
    const bundle = catalog.bundles.find((b) => b.code === target.bundleCode);
    if (!bundle) throw refuse('bundle_unknown', `no bundle "${target.bundleCode}" in the catalog`, 'target.bundleCode', 'not_found');
    const checklist = bundleChecklist(catalog, bundle.code);
    const items = checklist.itemCodes.map((c) => catalog.items.find((i) => i.code === c)).filter((i): i is CatalogItem => i !== undefined);
    return { itemCodes: checklist.itemCodes, bundleCode: bundle.code, items, checklist, title: bundle.name };
  }
  target.itemCodes.forEach((c, i) => {
    if (!catalog.items.some((it) => it.code === c)) throw refuse('item_unknown', `no service item "${c}" in the catalog`, `target.itemCodes.${i}`, 'not_found');
  });
  const checklist = mergedChecklist(catalog, target.itemCodes);
  const items = checklist.itemCodes.map((c) => catalog.items.find((i) => i.code === c)).filter((i): i is CatalogItem => i !== undefined);
  const title: Localized =
    items.length === 1 && items[0]
      ? items[0].name
      : { 'zh-CN': items.map((i) => i.name['zh-CN']).join('、'), en: items.map((i) => i.name.en).join('; ') };
  return { itemCodes: checklist.itemCodes, items, checklist, title };
}

/** Pairs every checklist entry with the clerk's mark; an entry left unmarked counts as missing. */
function markEntries(entries: readonly ChecklistEntry[], marks: readonly MaterialMark[]): PlannedMaterial[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const seen = new Map<string, MaterialMark>();
  marks.forEach((m, i) => {
    if (!byId.has(m.entryId)) throw refuse('material_unknown', `"${m.entryId}" is not on this checklist`, `materials.${i}.entryId`);
    if (seen.has(m.entryId)) throw refuse('material_duplicate', `"${m.entryId}" is marked twice`, `materials.${i}.entryId`);
    const entry = byId.get(m.entryId);
    if (m.status === 'exempt' && !entry?.exemptByCertificate) {
      throw refuse('material_not_exemptable', `"${m.entryId}" cannot be replaced by an e-certificate`, `materials.${i}.status`);
    }
    seen.set(m.entryId, m);
  });
  return entries.map((e) => {
    const m = seen.get(e.id) ?? { entryId: e.id, status: 'missing' as const };
    const p: PlannedMaterial = { entryId: e.id, name: e.name, required: e.required, key: e.key, status: m.status };
    if (m.status === 'received') Object.assign(p, { form: m.form, copies: m.copies, pages: m.pages });
    if (m.status === 'exempt') p.note = m.reason;
    if (m.status === 'to_correct') p.note = m.problem;
    return p;
  });
}

const isFulfilled = (m: PlannedMaterial): boolean => m.status === 'received' || m.status === 'exempt';
const fieldOf = (materials: readonly PlannedMaterial[], m: PlannedMaterial): string => `materials.${materials.indexOf(m)}`;

function laterThanToday(date: string, today: string, field: string, calendar: WorkingCalendar): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw refuse('date_invalid', `${date} is not a date`, field);
  if (date <= today) throw refuse('date_not_future', `${date} must be after today (${today})`, field);
  calendar.isWorkingDay(date); // a year the calendar does not know is refused here, not printed on a notice
}

export function planIntake(rules: IntakeRules, request: Input): CasePlan {
  const { catalog, calendar, today } = rules;
  const target = resolveTarget(catalog, request.input.target);
  const materials = markEntries(target.checklist.entries, request.input.materials);
  const plan: CasePlan = {
    outcome: request.outcome,
    withGaps: false,
    itemCodes: target.itemCodes,
    title: target.title,
    materials,
    feeFen: target.items.reduce((sum, i) => sum + i.fee.amountFen, 0),
    legalLimitDays: Math.max(...target.items.map((i) => i.legalLimitDays)),
    promisedLimitDays: Math.max(...target.items.map((i) => i.promisedLimitDays)),
  };
  if (target.bundleCode !== undefined) plan.bundleCode = target.bundleCode;

  switch (request.outcome) {
    case 'accepted': {
      const toCorrect = materials.find((m) => m.status === 'to_correct');
      if (toCorrect) throw refuse('material_needs_correction', `"${toCorrect.name['zh-CN']}" is marked for correction; send the case for correction instead`, fieldOf(materials, toCorrect));
      const missing = materials.filter((m) => m.required && !isFulfilled(m));
      const { gaps } = request.input;
      const first = missing[0];
      if (first) {
        if (!gaps) throw refuse('required_material_missing', `required material "${first.name['zh-CN']}" is neither received nor exempt`, fieldOf(materials, first));
        const key = missing.find((m) => m.key);
        if (key) throw refuse('key_material_missing', `"${key.name['zh-CN']}" is a key material and cannot be missing, even under 容缺受理`, fieldOf(materials, key));
        laterThanToday(gaps.promisedDate, today, 'gaps.promisedDate', calendar);
        for (const m of missing) m.promisedDate = gaps.promisedDate;
        plan.withGaps = true;
        plan.deadline = gaps.promisedDate;
      } else if (gaps) {
        throw refuse('gaps_without_missing', 'every required material is here; accept without 容缺', 'gaps');
      }
      plan.dueDate = calendar.addWorkingDays(today, plan.promisedLimitDays);
      return plan;
    }
    case 'completed': {
      const promised = target.items.find((i) => i.kind !== 'immediate');
      if (promised) throw refuse('not_immediate', `"${promised.name['zh-CN']}" is not done on the spot (承诺件); accept it instead`, 'target');
      const missing = materials.find((m) => m.required && !isFulfilled(m));
      if (missing) throw refuse('required_material_missing', `required material "${missing.name['zh-CN']}" is neither received nor exempt`, fieldOf(materials, missing));
      plan.dueDate = today;
      return plan;
    }
    case 'correction': {
      const toSupply = materials.filter((m) => m.status === 'to_correct' || (m.required && m.status === 'missing'));
      if (toSupply.length === 0) throw refuse('correction_empty', 'a correction notice must list at least one material to supply or correct', 'materials');
      laterThanToday(request.input.deadline, today, 'deadline', calendar);
      plan.deadline = request.input.deadline;
      return plan;
    }
    case 'rejected': {
      plan.rejectReason = request.input.reason;
      plan.competentAuthority = request.input.competentAuthority;
      return plan;
    }
  }
}
