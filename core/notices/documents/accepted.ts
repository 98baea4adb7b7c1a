import { formatDate, formatDateTime, formatFee, formatLimit } from '../i18n.js';
import { headingCounter, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid, type Field } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import type { DocumentBody } from './body.js';
import { allLicensing, applicantFields, basisText, decider, deliveryText, exemptTable, gapsTable, itemFields, placeText, received, receivedTable, windowText, you } from './sections.js';

/** The limits sentence (their units), and a note when the due date rests on a provisional calendar. */
export function limitsParagraphs(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const due = d.dueDate ? formatDate(d.dueDate, f.language) : '—';
  const [only] = d.items;
  const limits = d.items.length === 1 && only
    ? t('body.acceptedLimits', { legal: formatLimit(only.legalLimit, t), promised: formatLimit(only.promisedLimit, t), due })
    : t('body.acceptedLimitsMany', { due });
  const out = [paragraph(limits, 'limits')];
  if (d.dueDateProvisional && d.dueDate) out.push({ text: t('body.provisional', { year: d.dueDate.slice(0, 4) }), style: 'note', notice: 'provisional' });
  return out;
}

/** The annex of an accepted case: applicant, items with limits, case, materials received, exempt and (容缺) missing. */
export function acceptedAnnex(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const caseFields: Field[] = [
    { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
    { label: t('field.acceptedAt'), value: formatDateTime(d.acceptedAt ?? d.receivedAt, f.language) },
    { label: t('field.dueDate'), value: d.dueDate ? formatDate(d.dueDate, f.language) : '—' },
    { label: t('field.fee'), value: formatFee(d.feeFen, t) },
    { label: t('field.delivery'), value: deliveryText(f, d), wide: true },
    { label: t('field.window'), value: windowText(f, d.windowNo) },
    { label: t('field.staff'), value: d.staff },
  ];
  const annex: Content[] = [
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, true), 'items', h(t('section.items'))),
    fieldGrid(f, caseFields, 'case', h(t('section.case'))),
    receivedTable(f, h(t('section.materials')), d.materials, 'materials'),
  ];
  const exempt = exemptTable(f, h(t('section.exempt')), d.materials);
  if (exempt) annex.push(exempt);
  if (d.withGaps) annex.push(gapsTable(f, h(t('section.gaps')), d));
  return annex;
}

/**
 * The body of the 受理通知书. A 行政许可 cites 行政许可法 §32(1)(5); other kinds cite their own basis
 * (or none). With gaps (容缺受理) it has its own text: the named non-key materials are missing, the
 * signed commitment is among the received materials, the date to supply them by, what follows if not.
 */
export function acceptance(f: Frame, d: NoticeData): DocumentBody {
  const { t } = f;
  const base = { you: you(f, d), received: received(f, d), title: d.title };
  const deadline = d.deadline ? formatDate(d.deadline, f.language) : '—';
  const body: Content[] = [paragraph(t('salutation', { name: d.applicant.name }), 'salutation')];
  if (d.withGaps) {
    body.push(paragraph(t('body.acceptedWithGaps', { ...base, deadline, decider: decider(f, d, 'acceptWithGaps') }), 'body'));
  } else if (allLicensing(d)) {
    body.push(paragraph(t('body.accepted.licensing', { ...base, decider: decider(f, d, 'accept') }), 'body'));
  } else {
    body.push(paragraph(t('body.accepted.other', { ...base, basis: basisText(f, d), decider: decider(f, d, 'accept') }), 'body'));
  }
  body.push(...limitsParagraphs(f, d));
  if (d.withGaps) body.push(paragraph(t('body.acceptedGapsDue', { deadline, place: placeText(f, d) }), 'gapsDue'));
  return { body, closing: [paragraph(t('body.progress', { you: base.you }), 'progress'), paragraph(t('body.closing'), 'closingText')], annex: acceptedAnnex(f, d) };
}
