import { acceptance } from './documents/accepted.js';
import { completion } from './documents/completed.js';
import { correction } from './documents/correction.js';
import { rejection } from './documents/rejected.js';
import { officeLine, qrBlock, signatureBlock, titleBlock, type Heading } from './layout/blocks.js';
import { frameOf, type Frame } from './layout/frame.js';
import { frame } from './layout/page.js';
import type { Content, DocDefinition } from './pdf.js';
import type { NoticeData, NoticeLayout } from './types.js';

export { buildDeliveryReceipt } from './documents/delivery.js';
export { buildPaymentSlip } from './documents/payment.js';
export { RECEIPT_WIDTH_PT } from './layout/page.js';

/**
 * pdfmake document definitions for the notices, as pure functions of NoticeData.
 *
 * One structure, two layouts: `a4` (an A4 sheet; the reprint marker in the header of every page,
 * the document number and page count in the footer) and `receipt` (the 80 mm roll: one page as long
 * as its content, so the marker stands at its top and its bottom). Tables repeat their header row
 * on each page and never split a row; the signature and seal block is never split either. Nothing is
 * truncated: every cell wraps.
 *
 * The layout primitives (page frame, tables, building blocks) are in `layout/`; what each document
 * says, its body, is in `documents/`.
 */

function titleOf(f: Frame, d: NoticeData): { title: string; subtitle?: string } {
  switch (d.kind) {
    case 'accepted':
      return d.withGaps ? { title: f.t('title.acceptedWithGaps'), subtitle: f.t('subtitle.acceptedWithGaps') } : { title: f.t('title.accepted') };
    case 'correction':
      return { title: f.t('title.correction') };
    case 'rejected':
      return { title: f.t('title.rejected') };
    case 'completed':
      return { title: f.t('title.completed') };
  }
}

const BODIES: Record<NoticeData['kind'], (f: Frame, d: NoticeData) => Content[]> = {
  accepted: acceptance,
  correction,
  rejected: rejection,
  completed: completion,
};

/** The document definition of a notice: 受理通知书, 一次性告知书, 不予受理通知书 or 即办件办结单. */
export function buildNotice(data: NoticeData, layout: NoticeLayout): DocDefinition {
  const f = frameOf(layout, data.language);
  const { title, subtitle } = titleOf(f, data);
  const heading: Heading = { hall: officeLine(f, data.hall, data.district), title, documentNo: data.documentNo, caseNo: data.caseNo, qrPayload: data.qrPayload };
  if (subtitle !== undefined) heading.subtitle = subtitle;
  const content: Content[] = [...titleBlock(f, heading), ...BODIES[data.kind](f, data), signatureBlock(f, f.t('sign.applicant'), data.hall, data.issuedAt)];
  if (f.receipt) content.push(qrBlock(f, data.qrPayload));
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall, issuedAt: data.issuedAt, reprint: data.reprint }, content);
}
