import { paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import type { NoticeData } from '../types.js';
import { acceptedAnnex, limitsParagraphs } from './accepted.js';
import type { DocumentBody } from './body.js';
import { received, you } from './sections.js';

/**
 * The 收件回执: what an accepted case prints on the 80 mm roll. A slip, not the decision: it lists
 * what was handed in and the due date, and names the A4 受理通知书 (its 文号) that is the decision.
 * Thermal paper fades within the review and suit periods, so decisions print on A4 only.
 */
export function receiptSlip(f: Frame, d: NoticeData): DocumentBody {
  const { t } = f;
  return {
    body: [
      paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
      paragraph(t('body.receipt', { you: you(f, d), received: received(f, d), title: d.title, documentNo: d.documentNo }), 'body'),
      ...limitsParagraphs(f, d),
    ],
    closing: [paragraph(t('body.progress', { you: you(f, d) }), 'progress')],
    annex: acceptedAnnex(f, d),
  };
}
