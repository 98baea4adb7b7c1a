import { formatDateTime, idTypeLabel } from '../i18n.js';
import { closingGroup, courtesyNote, headingCounter, officeLine, paragraph, qrBlock, signatureBlock, titleBlock } from '../layout/blocks.js';
import { frameOf } from '../layout/frame.js';
import { frame } from '../layout/page.js';
import { fieldGrid, type Field } from '../layout/tables.js';
import type { Content, DocDefinition } from '../pdf.js';
import type { DeliveryReceiptData, NoticeLayout } from '../types.js';
import { windowText } from './sections.js';

/** The document definition of a 领取回执 (the result handed over at the 出件窗口), A4 or the roll. */
export function buildDeliveryReceipt(data: DeliveryReceiptData, layout: NoticeLayout): DocDefinition {
  const f = frameOf(layout, data.language);
  const { t } = f;
  const title = t('title.delivery');
  const fields: Field[] = [
    { label: t('field.caseNo'), value: data.caseNo, wide: true },
    { label: t('field.item'), value: data.title, wide: true },
    { label: t('field.applicant'), value: data.applicantName, wide: true },
    { label: t('field.result'), value: data.result, wide: true },
    { label: t('field.collector'), value: data.collector.name, wide: true },
    { label: t('field.idType'), value: idTypeLabel(data.collector.idType, t) },
    { label: t('field.idNumber'), value: data.collector.idNumber },
    { label: t('field.relation'), value: t(`relation.${data.collector.relation}`) },
    { label: t('field.collectedAt'), value: formatDateTime(data.collectedAt, f.language) },
    { label: t('field.deliveryWindow'), value: windowText(f, data.windowNo) },
    { label: t('field.deliveryStaff'), value: data.staff },
  ];
  // The hall hands over in its own name: its 受理专用章, on behalf of no one in particular.
  const signature = signatureBlock(f, t('sign.collector'), { signing: 'hall_entrusted', departments: [], hall: data.hall }, data.collectedAt);
  const content: Content[] = [
    ...titleBlock(f, { hall: officeLine(f, data.hall, data.district), title, documentNo: data.documentNo, caseNo: data.caseNo, qrPayload: data.qrPayload }),
    ...courtesyNote(f),
    fieldGrid(f, fields, 'result', headingCounter(f)(t('section.result'))),
    closingGroup(f, [paragraph(t('body.delivery'), 'body')], data.hall, signature),
  ];
  if (f.receipt) content.push(qrBlock(f, data.qrPayload));
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall?.name ?? null, issuedAt: data.collectedAt, reprint: data.reprint }, content);
}
