import type { DeliveryMethod, ItemKind, ItemType, LimitUnit, MaterialForm, SigningMode } from '../catalog/schema.js';
import type { RejectionType } from '../intake/schema.js';

/**
 * Everything a printed notice carries, already in the language it is printed in. A notice is built
 * from this alone (no store, no catalog), so a reprint from the same data prints the same page.
 * `noticeDataFromCase` (from-case.ts) makes it from a case as `cases.get` returns it.
 */

export type NoticeLanguage = 'zh-CN' | 'en';
/** The four outcomes at the counter, each with its document. */
export type NoticeKind = 'accepted' | 'correction' | 'rejected' | 'completed';
/** A4 sheet, or the 80 mm receipt roll (one long page). */
export type NoticeLayout = 'a4' | 'receipt';
export type MaterialStatus = 'received' | 'exempt' | 'missing' | 'to_correct';

export const NOTICE_KINDS: readonly NoticeKind[] = ['accepted', 'correction', 'rejected', 'completed'];
export const NOTICE_LAYOUTS: readonly NoticeLayout[] = ['a4', 'receipt'];
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ['zh-CN', 'en'];

export interface NoticePerson {
  name: string;
  /** An ID document type of core/applicant (`resident_id`, `passport_foreign`, …). */
  idType: string;
  idNumber: string;
}

export interface NoticeApplicant {
  kind: 'person' | 'organisation';
  /** The person's or the organisation's name, exactly as entered (rare characters included). */
  name: string;
  /** The person's ID document type, or `uscc` for an organisation. */
  idType: string;
  /** ID document number, or the unified social credit code. */
  idNumber: string;
  phone: string | null;
  address: string | null;
  legalRep: NoticePerson | null;
  agent: (NoticePerson & { phone: string | null }) | null;
}

export interface TimeLimit {
  days: number;
  unit: LimitUnit;
}

export interface NoticeItem {
  code: string;
  name: string;
  /** The implementing department's full name. */
  department: string;
  kind: ItemKind;
  /** 事项类型: only 行政许可 cites 行政许可法 §32. */
  itemType: ItemType;
  legalLimit: TimeLimit;
  promisedLimit: TimeLimit;
  /** The item's legal basis; '' when it has none to cite. */
  legalBasis: string;
}

/** Who decides and signs (core/catalog/lookup.ts, issuerOf). */
export interface NoticeIssuer {
  /** Full names of the departments that decide, in item order. */
  departments: string[];
  /** own_seal: the one department's seal; hall_entrusted: the hall's 受理专用章, "受 … 委托". */
  signing: SigningMode;
}

/** The service hall, printed on every notice: where to hand in, whom to call. */
export interface NoticeHall {
  name: string;
  /** null when the catalog has no hall (a migrated format-1 catalog). */
  address: string | null;
  consultationPhone: string | null;
  supervisionPhone: string | null;
}

export interface NoticeRejection {
  type: RejectionType;
  /** The clerk's statement of the reason (required for `other`, an addition for the typed ones). */
  reason: string | null;
  /** Where to apply instead: required for not_competent (§32(二)); never printed for no_licence_needed. */
  competentAuthority: string | null;
}

export interface NoticeMaterial {
  name: string;
  required: boolean;
  status: MaterialStatus;
  /** For a received material what was received; otherwise what is required (null if unknown). */
  form: MaterialForm | null;
  copies: number | null;
  /** Scanned pages, for a received material. */
  pages: number | null;
  /** Exempt: the reason (e.g. the e-certificate); to correct: what is wrong with it. */
  note: string | null;
  /** Accepted with gaps: the date the applicant promised to supply it by ('YYYY-MM-DD'). */
  promisedDate: string | null;
}

export interface NoticeRedress {
  /** Where to apply for administrative review (行政复议机关). */
  reviewBody: string;
  /** The court for an administrative lawsuit (行政诉讼). */
  court: string;
}

export interface NoticeData {
  kind: NoticeKind;
  language: NoticeLanguage;
  /** The document's own number: the case's 文号, else `documentNumber`; a reprint keeps it. */
  documentNo: string;
  caseNo: string;
  /** What was applied for: the item's name, or the bundle's (一件事). */
  title: string;
  withGaps: boolean;
  applicant: NoticeApplicant;
  items: NoticeItem[];
  issuer: NoticeIssuer;
  /** ISO instants. */
  receivedAt: string;
  /** Accepted or completed cases: when (on the counter, the same moment as received). */
  acceptedAt: string | null;
  /** When the document was first issued: the date beside the seal and the PDF's creation date. */
  issuedAt: string;
  /** 'YYYY-MM-DD': accepted → the promised due date; completed → the day. */
  dueDate: string | null;
  /** The due date falls in a year whose holiday arrangement is provisional (printed with a note). */
  dueDateProvisional: boolean;
  /** 'YYYY-MM-DD': correction → by when to supply; accepted with gaps → the promised date. */
  deadline: string | null;
  materials: NoticeMaterial[];
  /** Fee in fen (1/100 yuan), 0 for none. */
  feeFen: number;
  staff: string;
  windowNo: string | null;
  /** The service hall (name, address, phones); null when neither the catalog nor the terminal names one. */
  hall: NoticeHall | null;
  district: string | null;
  delivery: DeliveryMethod[];
  /** Rejected cases: the reason by type. */
  rejection: NoticeRejection | null;
  /** Rejected cases: the actual 复议机关 and court; null for a public service (no 复议 or suit). */
  redress: NoticeRedress | null;
  /** null for the original; 1, 2, … for the first, second … reprint. */
  reprint: number | null;
  /** What the QR code encodes (the signed payload, or the progress URL carrying it, made by the caller). */
  qrPayload: string;
}

/** 领取回执: the result of a case handed over at the window. */
export interface DeliveryReceiptData {
  language: NoticeLanguage;
  documentNo: string;
  caseNo: string;
  title: string;
  applicantName: string;
  /** What was handed over, e.g. 营业执照正本 1 份. */
  result: string;
  collector: NoticePerson & { relation: 'self' | 'agent' | 'legalRep' };
  /** ISO instant. */
  collectedAt: string;
  staff: string;
  /** 出件窗口: the window that handed it over. */
  windowNo: string | null;
  hall: NoticeHall | null;
  district: string | null;
  reprint: number | null;
  qrPayload: string;
}
