import { formatDate, formatDateTime } from '../i18n.js';
import { headingCounter, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import type { DocumentBody } from './body.js';
import { allLicensing, applicantFields, exemptTable, itemFields, placeText, received, receivedTable, toSupplyTable, windowText, you } from './sections.js';

/**
 * The body of the 一次性告知书: everything to supply or correct at once, where to hand it in, by when,
 * and what happens after the deadline. 行政许可法 §32(1)(4), and its note that a notice not given in
 * five days counts as acceptance, only for 行政许可 items.
 */
export function correction(f: Frame, d: NoticeData): DocumentBody {
  const { t } = f;
  const h = headingCounter(f);
  const licensing = allLicensing(d);
  const deadline = d.deadline ? formatDate(d.deadline, f.language) : '—';
  const base = { you: you(f, d), received: received(f, d), title: d.title };
  const body: Content[] = [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t(licensing ? 'body.correction.licensing' : 'body.correction.other', base), 'body'),
  ];
  const closing: Content[] = [
    paragraph(t('body.correctionWhere', { you: base.you, deadline, place: placeText(f, d), form: t(licensing ? 'form.statutory' : 'form.required') }), 'where'),
  ];
  if (licensing) closing.push({ text: t('body.correctionLaw'), style: 'note', notice: 'lawNote', margin: [0, 2, 0, 0] });
  closing.push(paragraph(t('body.closing'), 'closingText'));
  const annex: Content[] = [
    toSupplyTable(f, h(t('section.toSupply')), d.materials),
    fieldGrid(f, [
      { label: t('field.deadline'), value: deadline },
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case', h(t('section.case'))),
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    receivedTable(f, h(t('section.receivedSoFar')), d.materials, 'received'),
  ];
  const exempt = exemptTable(f, h(t('section.exempt')), d.materials);
  if (exempt) annex.push(exempt);
  return { body, closing, annex };
}
