import type { HandlerResult } from '../api/contract.js';
import { bundleChecklist, mergedChecklist, type ChecklistEntry } from '../catalog/checklist.js';
import { MATERIAL_FORMS, type Catalog, type CatalogItem, type DeliveryMethod, type MaterialForm } from '../catalog/schema.js';
import { DomainError } from '../result.js';
import type { CaseOutcome } from '../intake/outcomes.js';
import type { DocumentKind } from './kinds.js';
import type { NoticeApplicant, NoticeData, NoticeItem, NoticeKind, NoticeLanguage, NoticeMaterial, NoticePerson, NoticeRedress } from './types.js';

export type CaseDetail = HandlerResult<'cases.get'>;

/** The one notice kind each outcome prints (a 受理通知书 belongs to an accepted case only). */
export const NOTICE_KIND_OF_OUTCOME: Record<CaseOutcome, NoticeKind> = {
  accepted: 'accepted',
  correction: 'correction',
  rejected: 'rejected',
  completed: 'completed',
};

/** A payment slip's number is its fee entry's own (SF-<terminal>-<day>-<seq>, main/fees), one per entry: not made here. */
type NumberedByCase = Exclude<DocumentKind, 'payment'>;

const DOCUMENT_PREFIX: Record<NumberedByCase, string> = {
  accepted: 'SL',
  correction: 'BZ',
  rejected: 'BSL',
  completed: 'BJ',
  delivery: 'LQ',
};

/**
 * A document's number: the kind's prefix (SL 受理, BZ 补正, BSL 不予受理, BJ 办结, LQ 领取) and the
 * case number, e.g. `SL-T3101040007-20260305-0001`. A case has at most one document of each kind
 * and case numbers are unique, so this is unique without asking anyone; a reprint keeps it.
 */
export function documentNumber(kind: NumberedByCase, caseNo: string): string {
  return `${DOCUMENT_PREFIX[kind]}-${caseNo}`;
}

export interface NoticeContext {
  kind: NoticeKind;
  language: NoticeLanguage;
  /** The catalog the terminal holds: item details, English material names, what is required. */
  catalog: Pick<Catalog, 'items' | 'bundles'>;
  hall: string | null;
  district: string | null;
  /** When the notice was first issued (ISO instant). */
  issuedAt: string;
  reprint: number | null;
  qrPayload: string;
  redress?: NoticeRedress | null;
  /** Defaults to `documentNumber(kind, caseNo)`. */
  documentNo?: string;
}

/**
 * NoticeData from a case as `cases.get` returns it and the catalog. Refuses a kind that does not fit
 * the case's outcome (`invalid_input`, reason `notice_kind_mismatch`). Details the catalog no longer
 * has (an item removed by a later import) print as '—' rather than stopping the print.
 */
export function noticeDataFromCase(detail: CaseDetail, ctx: NoticeContext): NoticeData {
  const expected = NOTICE_KIND_OF_OUTCOME[detail.outcome];
  if (ctx.kind !== expected) {
    throw new DomainError('invalid_input', `a case that is ${detail.outcome} prints a ${expected} notice, not ${ctx.kind}`, 'kind', 'notice_kind_mismatch');
  }
  const lang = ctx.language;
  const catalogItems = detail.itemCodes.map((code) => ctx.catalog.items.find((i) => i.code === code) ?? null);
  const entries = checklistEntries(ctx.catalog, detail);
  const items: NoticeItem[] = detail.itemCodes.map((code, i) => itemOf(code, catalogItems[i] ?? null, lang));
  const known = catalogItems.filter((i): i is CatalogItem => i !== null);
  const delivery: DeliveryMethod[] = [];
  for (const item of known) for (const m of item.delivery) if (!delivery.includes(m)) delivery.push(m);
  const accepted = detail.outcome === 'accepted' || detail.outcome === 'completed';
  return {
    kind: ctx.kind,
    language: lang,
    documentNo: ctx.documentNo ?? documentNumber(ctx.kind, detail.caseNo),
    caseNo: detail.caseNo,
    title: detail.title[lang],
    withGaps: detail.withGaps,
    applicant: applicantOf(detail.applicant, detail.applicantName, detail.applicantIdNumber),
    items,
    receivedAt: detail.receivedAt,
    acceptedAt: accepted ? detail.receivedAt : null,
    issuedAt: ctx.issuedAt,
    dueDate: detail.dueDate,
    deadline: detail.deadline,
    legalLimitDays: Math.max(0, ...items.map((i) => i.legalLimitDays)),
    promisedLimitDays: Math.max(0, ...items.map((i) => i.promisedLimitDays)),
    materials: detail.materials.map((m) => materialOf(m, entries.get(m.entryId), lang)),
    feeFen: detail.feeFen,
    staff: detail.staff,
    windowNo: detail.windowNo,
    hall: ctx.hall,
    district: ctx.district,
    delivery,
    rejectReason: detail.rejectReason,
    competentAuthority: detail.competentAuthority,
    redress: ctx.redress ?? null,
    reprint: ctx.reprint,
    qrPayload: ctx.qrPayload,
  };
}

function checklistEntries(catalog: Pick<Catalog, 'items' | 'bundles'>, detail: CaseDetail): Map<string, ChecklistEntry> {
  const full: Catalog = { formatVersion: 1, catalogVersion: '', certificateTypes: [], calendar: [], items: catalog.items, bundles: catalog.bundles };
  try {
    const checklist = detail.bundleCode ? bundleChecklist(full, detail.bundleCode) : mergedChecklist(full, detail.itemCodes);
    return new Map(checklist.entries.map((e) => [e.id, e]));
  } catch {
    // The catalog no longer has an item of this case: print what the case itself recorded.
    return new Map();
  }
}

function itemOf(code: string, item: CatalogItem | null, lang: NoticeLanguage): NoticeItem {
  if (!item) return { code, name: code, department: '—', kind: 'promised', legalLimitDays: 0, promisedLimitDays: 0, legalBasis: '—' };
  return {
    code,
    name: item.name[lang],
    department: item.department[lang],
    kind: item.kind,
    legalLimitDays: item.legalLimitDays,
    promisedLimitDays: item.promisedLimitDays,
    legalBasis: item.legalBasis[lang],
  };
}

const isForm = (s: string | null): s is MaterialForm => s !== null && (MATERIAL_FORMS as readonly string[]).includes(s);

function materialOf(m: CaseDetail['materials'][number], entry: ChecklistEntry | undefined, lang: NoticeLanguage): NoticeMaterial {
  const received = m.status === 'received';
  return {
    // The case stores the zh-CN name it was taken with; the catalog gives the English one.
    name: lang === 'zh-CN' || !entry ? m.name : entry.name.en,
    required: m.required,
    status: m.status,
    form: received ? (isForm(m.form) ? m.form : null) : (entry?.form ?? (isForm(m.form) ? m.form : null)),
    copies: received ? m.copies : (entry?.copies ?? m.copies),
    pages: received ? m.pages : null,
    note: m.note,
    promisedDate: m.promisedDate,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const rec = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function personOf(v: unknown): NoticePerson | null {
  const r = rec(v);
  const name = str(r?.name);
  if (!r || !name) return null;
  return { name, idType: str(r.idType) ?? 'resident_id', idNumber: str(r.idNumber) ?? '' };
}

/** The applicant as the case recorded it (core/applicant's shape), read defensively. */
export function applicantOf(raw: Record<string, unknown>, fallbackName: string, fallbackId: string): NoticeApplicant {
  const organisation = raw.kind === 'organisation';
  const agent = personOf(raw.agent);
  return {
    kind: organisation ? 'organisation' : 'person',
    name: str(raw.name) ?? fallbackName,
    idType: organisation ? 'uscc' : (str(raw.idType) ?? 'resident_id'),
    idNumber: (organisation ? str(raw.uscc) : str(raw.idNumber)) ?? fallbackId,
    phone: str(raw.phone),
    address: str(raw.address),
    legalRep: organisation ? personOf(raw.legalRep) : null,
    agent: agent ? { ...agent, phone: str(rec(raw.agent)?.phone) } : null,
  };
}
