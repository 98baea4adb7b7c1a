import { formatYuan } from '../../money/fen.js';
import { formatDateTime } from '../i18n.js';
import { officeLine, paragraph } from '../layout/blocks.js';
import { frameOf } from '../layout/frame.js';
import { frame } from '../layout/page.js';
import { fieldGrid, listTable, type Field } from '../layout/tables.js';
import type { Content, DocDefinition } from '../pdf.js';
import type { NoticeTextKey } from '../i18n.js';
import type { NoticeLayout, PaymentSlipData } from '../types.js';
import { windowText } from './sections.js';

const TITLES: Record<PaymentSlipData['kind'], NoticeTextKey> = { payment: 'title.payment', refund: 'title.refund', waiver: 'title.waiver' };

/**
 * A 缴费 / 退费 / 减免凭条: the counter's record of one fee entry, for the applicant to keep. It is not
 * the official bill: the 财政电子票据 comes from the finance platform, and the slip says so (and carries
 * its number once issued). Made for the 80 mm roll; A4 prints the same fields.
 */
export function buildPaymentSlip(data: PaymentSlipData, layout: NoticeLayout): DocDefinition {
  const f = frameOf(layout, data.language);
  const { t } = f;
  const title = t(TITLES[data.kind]);
  const money = (fen: number): string => formatYuan(fen);
  const fields: Field[] = [
    { label: t('field.documentNo'), value: data.documentNo, wide: true },
    { label: t('field.caseNo'), value: data.caseNo, wide: true },
    { label: t('field.item'), value: data.title, wide: true },
    { label: t('field.applicant'), value: data.applicantName, wide: true },
    { label: t('field.amount'), value: money(data.amountFen) },
  ];
  if (data.method) fields.push({ label: t('field.method'), value: t(`method.${data.method}` as NoticeTextKey) });
  if (data.tenderedFen !== null) fields.push({ label: t('field.tendered'), value: money(data.tenderedFen) });
  if (data.changeFen !== null) fields.push({ label: t('field.change'), value: money(data.changeFen) });
  if (data.reference) fields.push({ label: t(data.method === 'payment_code' ? 'field.paymentCode' : 'field.reference'), value: data.reference, wide: true });
  if (data.billNo) fields.push({ label: t('field.billNo'), value: data.billNo, wide: true });
  if (data.refundOf) fields.push({ label: t('field.refundOf'), value: data.refundOf, wide: true });
  if (data.supervisor) fields.push({ label: t('field.supervisor'), value: data.supervisor });
  if (data.reason) fields.push({ label: t('field.reasonText'), value: data.reason, wide: true });
  fields.push(
    { label: t('field.feeDue'), value: money(data.dueFen) },
    { label: t('field.outstanding'), value: money(data.outstandingFen) },
    { label: t('field.at'), value: formatDateTime(data.at, f.language) },
    { label: t('field.window'), value: windowText(f, data.windowNo) },
    { label: t('field.deliveryStaff'), value: data.staff },
  );
  const hall = officeLine(f, data.hall, data.district);
  const content: Content[] = [
    ...(hall ? [{ text: hall, style: 'hall' }] : []),
    { text: title, style: 'title', margin: [0, 0, 0, 6] },
    fieldGrid(f, fields, 'payment'),
    listTable(
      f,
      t('section.feeLines'),
      'lines',
      [t('col.item'), t('col.amount'), t('col.feeBasis')],
      data.lines.map((l) => [
        { text: l.name, style: 'cell' },
        { text: money(l.amountFen), style: 'cell' },
        { text: l.basis ?? '—', style: 'cell' },
      ]),
      f.receipt ? ['*', 44, '*'] : ['*', 70, '*'],
    ),
    paragraph(t('body.paymentSlip'), 'body'),
  ];
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall, issuedAt: data.at, reprint: data.reprint }, content);
}
