import { bundleChecklist, mergedChecklist, type Checklist, type ChecklistEntry } from '../catalog/checklist.js';
import type { Catalog, CatalogItem, Localized, MaterialForm } from '../catalog/schema.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { DomainError } from '../result.js';
import { redressOf } from '../catalog/lookup.js';
import { hasAgent, withAgentMaterial } from './agent.js';
import type { AcceptInput, CompleteInput, CorrectionInput, IntakeOutcome, IntakeTarget, MaterialMark, RejectInput, RejectionType } from './schema.js';

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
  /** Accepted cases: the latest of the items' promised limits in their units (dueDateOf). */
  dueDate?: string;
  /** Corrections: by when to supply; accepted with gaps: by when the missing ones are promised. */
  deadline?: string;
  rejectType?: RejectionType;
  rejectReason?: string;
  competentAuthority?: string;
}

/** The signed 容缺受理承诺书: a received material of every case accepted with gaps. */
export const GAP_COMMITMENT_ENTRY = 'gap_commitment';
const GAP_COMMITMENT_NAME: Localized = { 'zh-CN': '容缺受理承诺书', en: 'Signed commitment to supply the missing materials (容缺受理承诺书)' };

type Input =
  | { outcome: 'accepted'; input: AcceptInput }
  | { outcome: 'correction'; input: CorrectionInput }
  | { outcome: 'rejected'; input: RejectInput }
  | { outcome: 'completed'; input: CompleteInput };

const refuse = (reason: string, message: string, field?: string, code: 'invalid_input' | 'not_found' | 'conflict' | 'unavailable' = 'invalid_input'): DomainError =>
  new DomainError(code, `${reason}: ${message}`, field, reason);

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

/**
 * The case's due date: the latest of its items' promised limits, each counted in its own unit
 * (working days through the calendar, or natural days: WorkingCalendar.addDays).
 */
export function dueDateOf(items: readonly CatalogItem[], calendar: WorkingCalendar, today: string): string {
  let due = today;
  for (const i of items) {
    const d = calendar.addDays(today, i.promisedLimitDays, i.promisedLimitUnit);
    if (d > due) due = d;
  }
  return due;
}

/**
 * A 不予受理 must say why by its type and name where the applicant can go (DOMAIN.md, "What notices
 * must get right"): §32(一) only for 行政许可 items and with no competent authority; §32(二) with
 * one; `other` with the reason stated. And it must name the 复议机关 and the court, or the review and
 * suit periods never start: an item (other than a public service) without them cannot be refused here.
 */
function checkRejection(catalog: Catalog, items: readonly CatalogItem[], input: RejectInput): void {
  const { reasonType, reason, competentAuthority } = input;
  if (reasonType === 'no_licence_needed') {
    const notLicence = items.find((i) => i.itemType !== 'administrative_licensing');
    if (notLicence) throw refuse('reject_type_not_licensing', `"${notLicence.name['zh-CN']}" is not an administrative licence (行政许可): 行政许可法 §32(一) does not apply`, 'reasonType');
    if (competentAuthority !== undefined) throw refuse('competent_authority_not_applicable', 'a matter that needs no licence has no authority to apply to instead', 'competentAuthority');
  }
  if (reasonType === 'not_competent' && competentAuthority === undefined) {
    throw refuse('competent_authority_missing', 'name the authority competent for this application (行政许可法 §32(二))', 'competentAuthority');
  }
  if (reasonType === 'other' && reason === undefined) throw refuse('reject_reason_missing', 'state the reason for not accepting the application', 'reason');
  for (const item of items) {
    if (item.itemType === 'public_service') continue;
    const r = redressOf(catalog, item);
    if (!r.reviewBody || !r.court) {
      throw refuse('redress_unknown', `the catalog names no ${r.reviewBody ? 'court' : '复议机关'} for "${item.name['zh-CN']}": a 不予受理通知书 without it does not start the review and suit periods`, 'target', 'unavailable');
    }
  }
}

export function planIntake(rules: IntakeRules, request: Input): CasePlan {
  const { catalog, calendar, today } = rules;
  const target = resolveTarget(catalog, request.input.target);
  // With an agent, the 授权委托书 is a required key material (agent.ts).
  const entries = withAgentMaterial(target.checklist.entries, hasAgent(request.input.applicant), (base) => ({ ...base, shared: false, satisfies: [] }));
  const materials = markEntries(entries, request.input.materials);
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
        plan.dueDate = dueDateOf(target.items, calendar, today);
        // The missing materials must be in before the case is due: a later promise cannot be kept.
        if (gaps.promisedDate > plan.dueDate) {
          throw refuse('gap_after_due_date', `the promised date ${gaps.promisedDate} is after the due date ${plan.dueDate}`, 'gaps.promisedDate');
        }
        for (const m of missing) m.promisedDate = gaps.promisedDate;
        plan.withGaps = true;
        plan.deadline = gaps.promisedDate;
        materials.push({ entryId: GAP_COMMITMENT_ENTRY, name: GAP_COMMITMENT_NAME, required: true, key: false, status: 'received', form: 'original', copies: 1, pages: 1 });
        return plan;
      }
      if (gaps) throw refuse('gaps_without_missing', 'every required material is here; accept without 容缺', 'gaps');
      plan.dueDate = dueDateOf(target.items, calendar, today);
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
      const { reasonType, reason, competentAuthority } = request.input;
      checkRejection(catalog, target.items, request.input);
      plan.rejectType = reasonType;
      if (reason !== undefined) plan.rejectReason = reason;
      if (competentAuthority !== undefined) plan.competentAuthority = competentAuthority;
      return plan;
    }
  }
}
