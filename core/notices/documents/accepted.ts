import { formatDate, formatDateTime, formatDays, formatFee } from '../i18n.js';
import { headingCounter, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid, type Field } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import { applicantFields, deliveryText, gapsTable, itemFields, received, receivedTable, windowText } from './sections.js';

/** The body of the 受理通知书 (with gaps: 容缺受理通知书). */
export function acceptance(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const due = d.dueDate ? formatDate(d.dueDate, f.language) : '—';
  const content: Content[] = [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t('body.accepted', { received: received(f, d), title: d.title }), 'body'),
    paragraph(t('body.acceptedLimits', { legal: formatDays(d.legalLimitDays, t), promised: formatDays(d.promisedLimitDays, t), due }), 'limits'),
  ];
  if (d.withGaps) content.push(paragraph(t('body.acceptedGaps', { deadline: d.deadline ? formatDate(d.deadline, f.language) : '—' }), 'gapsBody'));
  content.push(paragraph(t('body.progress'), 'progress'));
  content.push(fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))));
  content.push(fieldGrid(f, itemFields(f, d, true), 'items', h(t('section.items'))));
  const caseFields: Field[] = [
    { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
    { label: t('field.acceptedAt'), value: formatDateTime(d.acceptedAt ?? d.receivedAt, f.language) },
    { label: t('field.dueDate'), value: due },
    { label: t('field.fee'), value: formatFee(d.feeFen, t) },
    { label: t('field.delivery'), value: deliveryText(f, d), wide: true },
    { label: t('field.window'), value: windowText(f, d.windowNo) },
    { label: t('field.staff'), value: d.staff },
  ];
  content.push(fieldGrid(f, caseFields, 'case', h(t('section.case'))));
  content.push(receivedTable(f, h(t('section.materials')), d.materials, 'materials'));
  if (d.withGaps) content.push(gapsTable(f, h(t('section.gaps')), d));
  return content;
}
