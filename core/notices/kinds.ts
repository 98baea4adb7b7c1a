import { CASE_OUTCOMES } from '../intake/outcomes.js';

/**
 * The lists of printed documents. Each outcome has its own notice (a 受理通知书 belongs to an accepted
 * case only), so the notice kinds are the outcomes; the 领取回执 (delivery receipt) is a document too,
 * printed when a result is handed over, and gets its own printer like the notices.
 */
export const NOTICE_KINDS = CASE_OUTCOMES;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Every document this terminal prints: the notices, the delivery receipt and the payment slip (printer settings, numbers). */
export const DOCUMENT_KINDS = [...NOTICE_KINDS, 'delivery', 'payment'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A4 sheet, or the 80 mm receipt roll (one long page). */
export const NOTICE_LAYOUTS = ['a4', 'receipt'] as const;
export type NoticeLayout = (typeof NOTICE_LAYOUTS)[number];
