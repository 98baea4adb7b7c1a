import { DomainError } from '../result.js';
import { acceptance } from './documents/accepted.js';
import type { DocumentBody } from './documents/body.js';
import { completion } from './documents/completed.js';
import { correction } from './documents/correction.js';
import { receiptSlip } from './documents/receipt.js';
import { rejection } from './documents/rejected.js';
import { signerOf } from './documents/sections.js';
import { closingGroup, courtesyNote, officeLine, qrBlock, signatureBlock, titleBlock, type Heading } from './layout/blocks.js';
import { frameOf, type Frame } from './layout/frame.js';
import { frame } from './layout/page.js';
import type { Content, DocDefinition } from './pdf.js';
import type { NoticeData, NoticeKind, NoticeLayout } from './types.js';

export { buildDeliveryReceipt } from './documents/delivery.js';
export { RECEIPT_WIDTH_PT } from './layout/page.js';

/**
 * pdfmake document definitions for the notices, as pure functions of NoticeData.
 *
 * One structure, two layouts: `a4` (an A4 sheet; the reprint marker in the header of every page,
 * the document number and page count in the footer) and `receipt` (the 80 mm roll: one page as long
 * as its content, so the marker stands at its top and its bottom). The roll is for slips only
 * (ROLL_KINDS: the 收件回执 of an accepted case and the 领取回执): thermal paper fades within the
 * review and suit periods, so a decision on the roll is refused (`layout_not_for_decision`).
 *
 * Every document reads: title, the decision's text, its closing paragraphs kept with the hall's
 * address and phones and the signature and seal area (`closing`: the seal's page always carries
 * text), then the annex tables. Tables repeat their header row on each page and never split a row.
 * Nothing is truncated: every cell wraps.
 *
 * The layout primitives (page frame, tables, building blocks) are in `layout/`; what each document
 * says, its body, is in `documents/`.
 */

/** The kinds the 80 mm roll prints: slips (收件回执 for an accepted case, 领取回执), never a decision. */
export const ROLL_KINDS: readonly (NoticeKind | 'delivery')[] = ['accepted', 'delivery'];

export function layoutAllowed(kind: NoticeKind | 'delivery', layout: NoticeLayout): boolean {
  return layout === 'a4' || ROLL_KINDS.includes(kind);
}

export function refuseLayout(kind: NoticeKind | 'delivery', layout: NoticeLayout): void {
  if (!layoutAllowed(kind, layout)) {
    throw new DomainError('invalid_input', `layout_not_for_decision: a ${kind} notice is a decision and prints on A4; the 80 mm roll is for 收件回执 and 领取回执 slips`, 'layout', 'layout_not_for_decision');
  }
}

function titleOf(f: Frame, d: NoticeData): { title: string; subtitle?: string } {
  switch (d.kind) {
    case 'accepted': {
      const title = f.receipt ? f.t('title.receipt') : f.t(d.withGaps ? 'title.acceptedWithGaps' : 'title.accepted');
      return d.withGaps ? { title, subtitle: f.t('subtitle.acceptedWithGaps') } : { title };
    }
    case 'correction':
      return { title: f.t('title.correction') };
    case 'rejected':
      return { title: f.t('title.rejected') };
    case 'completed':
      return { title: f.t('title.completed') };
  }
}

const BODIES: Record<NoticeKind, (f: Frame, d: NoticeData) => DocumentBody> = {
  accepted: acceptance,
  correction,
  rejected: rejection,
  completed: completion,
};

export interface BuildOptions {
  /** Tighter spacing (render.ts tries it when the closing group would start a page of its own). */
  compact?: boolean;
}

/** The document definition of a notice: 受理通知书 (or its 收件回执), 一次性告知书, 不予受理通知书 or 即办件办结单. */
export function buildNotice(data: NoticeData, layout: NoticeLayout, options: BuildOptions = {}): DocDefinition {
  refuseLayout(data.kind, layout);
  const f = frameOf(layout, data.language, options.compact ?? false);
  const { title, subtitle } = titleOf(f, data);
  const heading: Heading = { hall: officeLine(f, data.hall, data.district), title, documentNo: data.documentNo, caseNo: data.caseNo, qrPayload: data.qrPayload };
  if (subtitle !== undefined) heading.subtitle = subtitle;
  const doc = data.kind === 'accepted' && f.receipt ? receiptSlip(f, data) : BODIES[data.kind](f, data);
  const signature = signatureBlock(f, f.t('sign.applicant'), signerOf(data), data.issuedAt);
  const content: Content[] = [...titleBlock(f, heading), ...courtesyNote(f), ...doc.body, closingGroup(f, doc.closing, data.hall, signature), ...doc.annex];
  if (f.receipt) content.push(qrBlock(f, data.qrPayload));
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall?.name ?? null, issuedAt: data.issuedAt, reprint: data.reprint }, content);
}
