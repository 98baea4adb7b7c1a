import { formatDate, formatDay, formatDays, idTypeLabel } from '../i18n.js';
import { colon } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { listTable, type Field } from '../layout/tables.js';
import type { TableCell, TableNode } from '../pdf.js';
import type { NoticeData, NoticeMaterial } from '../types.js';

// Sections shared by the notices.

export function applicantFields(f: Frame, d: NoticeData): Field[] {
  const { t } = f;
  const a = d.applicant;
  const fields: Field[] = [];
  if (a.kind === 'organisation') {
    fields.push({ label: t('field.organisation'), value: a.name, wide: true });
    fields.push({ label: t('field.uscc'), value: a.idNumber, wide: true });
    if (a.legalRep) fields.push({ label: t('field.legalRep'), value: a.legalRep.name, wide: true });
  } else {
    fields.push({ label: t('field.applicant'), value: a.name, wide: true });
    fields.push({ label: t('field.idType'), value: idTypeLabel(a.idType, t) });
    fields.push({ label: t('field.idNumber'), value: a.idNumber });
  }
  if (a.agent) {
    fields.push({ label: t('field.agent'), value: a.agent.name, wide: true });
    fields.push({ label: t('field.idType'), value: idTypeLabel(a.agent.idType, t) });
    fields.push({ label: t('field.idNumber'), value: a.agent.idNumber });
  }
  const phone = a.agent?.phone ?? a.phone;
  if (phone) fields.push({ label: t('field.phone'), value: phone });
  if (a.address) fields.push({ label: t('field.address'), value: a.address, wide: true });
  return fields;
}

export function itemFields(f: Frame, d: NoticeData, withLimits: boolean): Field[] {
  const { t } = f;
  const fields: Field[] = [];
  if (d.items.length !== 1) fields.push({ label: t('field.item'), value: d.title, wide: true });
  for (const item of d.items) {
    fields.push({ label: t('field.item'), value: item.name, wide: true });
    fields.push({ label: t('field.itemCode'), value: item.code });
    fields.push({ label: t('field.department'), value: item.department });
    if (withLimits) {
      fields.push({ label: t('field.legalLimit'), value: formatDays(item.legalLimitDays, t) });
      fields.push({ label: t('field.promisedLimit'), value: formatDays(item.promisedLimitDays, t) });
    }
    fields.push({ label: t('field.legalBasis'), value: item.legalBasis, wide: true });
  }
  return fields;
}

export function windowText(f: Frame, windowNo: string | null): string {
  return windowNo ? f.t('window.no', { n: windowNo }) : '—';
}

export function deliveryText(f: Frame, d: NoticeData): string {
  return d.delivery.length === 0 ? '—' : d.delivery.map((m) => f.t(`delivery.${m}`)).join(f.zh ? '、' : ', ');
}

function formText(f: Frame, m: NoticeMaterial): string {
  return m.form ? f.t(`form.${m.form}`) : '—';
}

const num = (n: number | null): string => (n === null ? '—' : String(n));

/** Materials handed in (received, or replaced by an e-certificate). */
export function receivedTable(f: Frame, heading: string, materials: NoticeMaterial[], tag: string): TableNode {
  const { t } = f;
  const rows = materials.filter((m) => m.status === 'received' || m.status === 'exempt');
  if (f.receipt) {
    const body = rows.map((m, i): TableCell[] => {
      const detail = m.status === 'exempt' ? `${t('status.exempt')}${m.note ? `${colon(f)}${m.note}` : ''}` : formText(f, m);
      return [{ stack: [{ text: `${i + 1}. ${m.name}`, style: 'cell' }, { text: detail, style: 'small' }] }, { text: num(m.copies), style: 'num' }, { text: num(m.pages), style: 'num' }];
    });
    return listTable(f, heading, tag, [t('col.material'), t('col.copies'), t('col.pages')], body, ['*', f.zh ? 18 : 28, f.zh ? 18 : 26]);
  }
  const body = rows.map((m, i): TableCell[] => [
    { text: String(i + 1), style: 'num' },
    { text: m.name, style: 'cell' },
    { text: formText(f, m), style: 'num' },
    { text: num(m.copies), style: 'num' },
    { text: num(m.pages), style: 'num' },
    { text: t(`status.${m.status}`), style: 'num' },
    { text: m.note ?? '', style: 'cell' },
  ]);
  const head = [t('col.no'), t('col.material'), t('col.form'), t('col.copies'), t('col.pages'), t('col.status'), t('col.note')];
  return listTable(f, heading, tag, head, body, f.zh ? [24, '*', 64, 26, 26, 38, 88] : [24, '*', 76, 36, 32, 52, 74]);
}

/** Missing materials accepted under 容缺, with the date each is promised by. */
export function gapsTable(f: Frame, heading: string, d: NoticeData): TableNode {
  const { t } = f;
  const rows = d.materials.filter((m) => m.status === 'missing' && (m.required || m.promisedDate !== null));
  const dateOf = (m: NoticeMaterial): string => {
    const date = m.promisedDate ?? d.deadline;
    return date ? formatDate(date, f.language) : '—';
  };
  if (f.receipt) {
    const body = rows.map((m, i): TableCell[] => [{ text: `${i + 1}. ${m.name}`, style: 'cell' }, { text: dateOf(m), style: 'num' }]);
    return listTable(f, heading, 'gaps', [t('col.material'), t('col.promisedDate')], body, ['*', f.zh ? 62 : 70]);
  }
  const body = rows.map((m, i): TableCell[] => [
    { text: String(i + 1), style: 'num' },
    { text: m.name, style: 'cell' },
    { text: formText(f, m), style: 'num' },
    { text: num(m.copies), style: 'num' },
    { text: dateOf(m), style: 'num' },
  ]);
  const head = [t('col.no'), t('col.material'), t('col.form'), t('col.copies'), t('col.promisedDate')];
  return listTable(f, heading, 'gaps', head, body, f.zh ? [24, '*', 64, 30, 92] : [24, '*', 76, 36, 96]);
}

/** Every material to supply or correct, with what is required of it (一次性告知). */
export function toSupplyTable(f: Frame, heading: string, materials: NoticeMaterial[]): TableNode {
  const { t } = f;
  const rows = materials.filter((m) => m.status === 'to_correct' || (m.status === 'missing' && m.required));
  const problem = (m: NoticeMaterial): string => (m.status === 'to_correct' ? (m.note ?? t('status.to_correct')) : t('problem.missing'));
  if (f.receipt) {
    const body = rows.map((m, i): TableCell[] => [
      { stack: [{ text: `${i + 1}. ${m.name}`, style: 'cell' }, { text: f.zh ? `${problem(m)}（${formText(f, m)}）` : `${problem(m)} (${formText(f, m)})`, style: 'small' }] },
      { text: num(m.copies), style: 'num' },
    ]);
    return listTable(f, heading, 'toSupply', [t('col.material'), t('col.copies')], body, ['*', f.zh ? 18 : 28]);
  }
  const body = rows.map((m, i): TableCell[] => [
    { text: String(i + 1), style: 'num' },
    { text: m.name, style: 'cell' },
    { text: problem(m), style: 'cell' },
    { text: formText(f, m), style: 'num' },
    { text: num(m.copies), style: 'num' },
  ]);
  const head = [t('col.no'), t('col.material'), t('col.problem'), t('col.form'), t('col.copies')];
  return listTable(f, heading, 'toSupply', head, body, f.zh ? [24, '*', '*', 64, 28] : [24, '*', '*', 76, 36]);
}

export function received(f: Frame, d: NoticeData): string {
  return formatDay(d.receivedAt, f.language);
}
