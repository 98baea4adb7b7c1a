import { formatDateTime, formatFee } from '../i18n.js';
import { headingCounter, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import type { DocumentBody } from './body.js';
import { allLicensing, applicantFields, deliveryText, exemptTable, itemFields, received, receivedTable, windowText, you } from './sections.js';

/** The body of the 即办件办结单. */
export function completion(f: Frame, d: NoticeData): DocumentBody {
  const { t } = f;
  const h = headingCounter(f);
  const completedAt = d.acceptedAt ?? d.receivedAt;
  const annex: Content[] = [
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    fieldGrid(f, [
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.completedAt'), value: formatDateTime(completedAt, f.language) },
      { label: t('field.fee'), value: formatFee(d.feeFen, t) },
      { label: t('field.delivery'), value: deliveryText(f, d) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case', h(t('section.case'))),
    receivedTable(f, h(t('section.materials')), d.materials, 'materials'),
  ];
  const exempt = exemptTable(f, h(t('section.exempt')), d.materials);
  if (exempt) annex.push(exempt);
  const form = t(allLicensing(d) ? 'form.statutory' : 'form.required');
  return {
    body: [
      paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
      paragraph(t('body.completed', { you: you(f, d), received: received(f, d), title: d.title, form, completed: formatDateTime(completedAt, f.language) }), 'body'),
    ],
    closing: [paragraph(t('body.completedResult'), 'result')],
    annex,
  };
}
