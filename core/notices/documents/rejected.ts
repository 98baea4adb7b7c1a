import { formatDateTime, formatDay } from '../i18n.js';
import { headingCounter, keptSection, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { boxLayout, fieldGrid, headed, headingSpace } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import { applicantFields, itemFields, received, windowText } from './sections.js';

/** The body of the 不予受理通知书. */
export function rejection(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const redress = d.redress;
  return [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t('body.rejected', { received: received(f, d), title: d.title }), 'body'),
    headed(h(t('section.reason')), 6, { table: { body: [[{ text: d.rejectReason ?? '—', style: 'reason' }]], widths: ['*'], headerRows: 0 }, layout: { ...boxLayout(0.6), hLineWidth: (i) => (i === 0 ? 0 : 0.6), paddingTop: (row) => (row === 0 ? headingSpace(f) : 3) }, notice: 'reason' }),
    keptSection(h(t('field.authority')), 'authority', [paragraph(t('body.rejectedAuthority', { authority: d.competentAuthority ?? '—' }), 'authorityText')]),
    keptSection(h(t('section.redress')), 'redress', [
      paragraph(t('body.redressState'), 'redressState'),
      paragraph(t('body.redressReview', { reviewBody: redress?.reviewBody ?? t('redress.reviewBodyDefault'), court: redress?.court ?? t('redress.courtDefault') }), 'redressReview'),
    ]),
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    fieldGrid(f, [
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.decidedAt'), value: formatDay(d.issuedAt, f.language) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case'),
  ];
}
