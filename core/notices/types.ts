import type { Language } from '../api/contract-common.js';
import type { DeliveryMethod, ItemKind, MaterialForm } from '../catalog/schema.js';
import type { NoticeKind } from './kinds.js';

export { DOCUMENT_KINDS, NOTICE_KINDS, NOTICE_LAYOUTS, type DocumentKind, type NoticeKind, type NoticeLayout } from './kinds.js';

/**
 * Everything a printed notice carries, already in the language it is printed in. A notice is built
 * from this alone (no store, no catalog), so a reprint from the same data prints the same page.
 * `noticeDataFromCase` (from-case.ts) makes it from a case as `cases.get` returns it.
 */

/** A notice prints in one of the UI's languages. */
export type NoticeLanguage = Language;
export type MaterialStatus = 'received' | 'exempt' | 'missing' | 'to_correct';

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

export interface NoticeItem {
  code: string;
  name: string;
  department: string;
  kind: ItemKind;
  legalLimitDays: number;
  promisedLimitDays: number;
  legalBasis: string;
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
  /** Where to apply for administrative review (行政复议机关); a generic phrase when null. */
  reviewBody: string | null;
  /** The court for an administrative lawsuit (行政诉讼); a generic phrase when null. */
  court: string | null;
}

export interface NoticeData {
  kind: NoticeKind;
  language: NoticeLanguage;
  /** The document's own number (see `documentNumber`); a reprint keeps it. */
  documentNo: string;
  caseNo: string;
  /** What was applied for: the item's name, or the bundle's (一件事). */
  title: string;
  withGaps: boolean;
  applicant: NoticeApplicant;
  items: NoticeItem[];
  /** ISO instants. */
  receivedAt: string;
  /** Accepted or completed cases: when (on the counter, the same moment as received). */
  acceptedAt: string | null;
  /** When the document was first issued: the date beside the seal and the PDF's creation date. */
  issuedAt: string;
  /** 'YYYY-MM-DD': accepted → the promised due date; completed → the day. */
  dueDate: string | null;
  /** 'YYYY-MM-DD': correction → by when to supply; accepted with gaps → the promised date. */
  deadline: string | null;
  /** Working days, the largest of the items'. */
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: NoticeMaterial[];
  /** Fee in fen (1/100 yuan), 0 for none. */
  feeFen: number;
  staff: string;
  windowNo: string | null;
  /** The service hall (the office whose seal goes on the notice), e.g. 徐汇区行政服务中心. */
  hall: string | null;
  district: string | null;
  delivery: DeliveryMethod[];
  rejectReason: string | null;
  competentAuthority: string | null;
  redress: NoticeRedress | null;
  /** null for the original; 1, 2, … for the first, second … reprint. */
  reprint: number | null;
  /** What the QR code encodes (the signed payload is made by the caller). */
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
  /** By post (`post`): the applicant's name, no ID (no one stood at the window); the result line names the courier and tracking number. */
  collector: NoticePerson & { relation: 'self' | 'agent' | 'legalRep' | 'post' };
  /** ISO instant. */
  collectedAt: string;
  staff: string;
  windowNo: string | null;
  hall: string | null;
  district: string | null;
  reprint: number | null;
  qrPayload: string;
}

/** 缴费 / 退费 / 减免凭条: one fee entry of a case, printed on the roll (or A4) at the counter. */
export interface PaymentSlipData {
  language: NoticeLanguage;
  kind: 'payment' | 'refund' | 'waiver';
  /** The entry's own number (SF-<terminal>-<day>-<seq>); a reprint keeps it. */
  documentNo: string;
  caseNo: string;
  title: string;
  applicantName: string;
  /** cash, card, qr, payment_code; null for a waiver. */
  method: string | null;
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  /** A card's or QR payment's reference, or the 非税 payment code (缴款码). */
  reference: string | null;
  /** 财政电子票据 number, once the finance platform issued it. */
  billNo: string | null;
  /** A refund: the payment it returns. */
  refundOf: string | null;
  /** The fee lines of the case with their basis (收费依据). */
  lines: { name: string; amountFen: number; basis: string | null }[];
  dueFen: number;
  /** What is still unpaid after this entry. */
  outstandingFen: number;
  supervisor: string | null;
  reason: string | null;
  /** ISO instant. */
  at: string;
  staff: string;
  windowNo: string | null;
  hall: string | null;
  district: string | null;
  reprint: number | null;
}
