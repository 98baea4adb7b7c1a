import { formatDate, formatDateTime } from '../i18n.js';
import { headingCounter, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import { applicantFields, itemFields, received, receivedTable, toSupplyTable, windowText } from './sections.js';

/** The body of the 一次性告知书. */
export function correction(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const deadline = d.deadline ? formatDate(d.deadline, f.language) : '—';
  return [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t('body.correction', { received: received(f, d), title: d.title, deadline }), 'body'),
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    receivedTable(f, h(t('section.receivedSoFar')), d.materials, 'received'),
    toSupplyTable(f, h(t('section.toSupply')), d.materials),
    fieldGrid(f, [
      { label: t('field.deadline'), value: deadline },
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case'),
    { text: t('body.correctionLaw'), style: 'note', notice: 'lawNote', margin: [0, 8, 0, 0] },
  ];
}
