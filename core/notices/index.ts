/** Official notices: data, wording and pdfmake document definitions (pure; rendered by main/notices). */
export { buildDeliveryReceipt, buildNotice, buildPaymentSlip, RECEIPT_WIDTH_PT } from './build.js';
export { applyFontFallback, isAttaching, splitRuns, type FallbackResult, type GlyphCoverage } from './fallback.js';
export { applicantOf, documentNumber, NOTICE_KIND_OF_OUTCOME, noticeDataFromCase, type CaseDetail, type NoticeContext } from './from-case.js';
export { formatDate, formatDateTime, noticeTexts, translator, type NoticeTextKey, type Translate } from './i18n.js';
export { NOTICE_FONT, type Content, type DocDefinition } from './pdf.js';
export * from './types.js';
