import { formatDateTime, formatDay } from '../i18n.js';
import { headingCounter, keptSection, paragraph } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { fieldGrid } from '../layout/tables.js';
import type { Content } from '../pdf.js';
import type { NoticeData } from '../types.js';
import type { DocumentBody } from './body.js';
import { allLicensing, applicantFields, decider, departmentsText, itemFields, received, windowText, you } from './sections.js';

/** The reason as printed: the statutory one for §32(一)/(二), with the clerk's words after it; `other`: the clerk's. */
function reasonText(f: Frame, d: NoticeData): string {
  const r = d.rejection;
  if (!r) return '—';
  const statutory = r.type === 'no_licence_needed' ? f.t('reason.no_licence_needed') : r.type === 'not_competent' ? f.t('reason.not_competent', { departments: departmentsText(f, d) }) : '';
  return [statutory, r.reason ?? ''].filter((s) => s !== '').join(f.zh ? '' : ' ') || '—';
}

/**
 * The body of the 不予受理通知书, by the reason's type: §32(一) (no licence needed: no "apply
 * elsewhere"), §32(二) (not this office's remit: the competent authority), or other (stated). The
 * rights paragraph names the actual 复议机关 and court with their periods; for a public service,
 * which is no administrative act open to review or suit, where to raise an objection.
 */
export function rejection(f: Frame, d: NoticeData): DocumentBody {
  const { t } = f;
  const h = headingCounter(f);
  const type = d.rejection?.type ?? 'other';
  const base = { you: you(f, d), received: received(f, d), title: d.title, decider: decider(f, d, 'reject') };
  const key = type === 'no_licence_needed' ? 'body.rejected.no_licence_needed' : type === 'not_competent' ? (allLicensing(d) ? 'body.rejected.not_competent.licensing' : 'body.rejected.not_competent.other') : 'body.rejected.other';
  const body: Content[] = [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(type === 'other' ? t(key, base) : t(key, { ...base, departments: departmentsText(f, d) }), 'body'),
    keptSection(h(t('section.reason')), 'reason', [{ text: reasonText(f, d), style: 'reason' }]),
  ];
  const authority = type === 'no_licence_needed' ? null : d.rejection?.competentAuthority ?? null;
  if (authority) body.push(keptSection(h(t('field.authority')), 'authority', [paragraph(t('body.rejectedAuthority', { authority }), 'authorityText')]));
  const rights: Content[] = [{ text: h(t('section.redress')), style: 'heading', notice: 'heading:redress' }, paragraph(t('body.redressState', { you: base.you }), 'redressState')];
  if (d.redress) rights.push(paragraph(t('body.redressReview', { you: base.you, reviewBody: d.redress.reviewBody, court: d.redress.court }), 'redressReview'));
  else rights.push(paragraph(t('body.redressService', { you: base.you, hall: d.hall?.name ?? t('hall.default'), phone: d.hall?.supervisionPhone ?? '12345' }), 'redressService'));
  rights.push(paragraph(t('body.closing'), 'closingText'));
  const annex: Content[] = [
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    fieldGrid(f, [
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.decidedAt'), value: formatDay(d.issuedAt, f.language) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case', h(t('section.case'))),
  ];
  return { body, closing: [{ stack: rights, notice: 'redress' }], annex };
}
