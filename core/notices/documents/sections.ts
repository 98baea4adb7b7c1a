import { formatDate, formatDay, formatLimit, idTypeLabel, joinList } from '../i18n.js';
import type { Signer } from '../layout/blocks.js';
import type { Frame } from '../layout/frame.js';
import { listTable, type Field } from '../layout/tables.js';
import type { TableCell, TableNode } from '../pdf.js';
import type { NoticeData, NoticeMaterial } from '../types.js';

// Sections and phrases shared by the notices.

/** 你 for a person, 你（单位）for an organisation. */
export function you(f: Frame, d: NoticeData): string {
  return f.t(d.applicant.kind === 'organisation' ? 'you.organisation' : 'you.person');
}

/** Every item is a 行政许可: only then does the notice cite 行政许可法 §32. */
export function allLicensing(d: NoticeData): boolean {
  return d.items.length > 0 && d.items.every((i) => i.itemType === 'administrative_licensing');
}

export const signerOf = (d: Pick<NoticeData, 'issuer' | 'hall'>): Signer => ({ signing: d.issuer.signing, departments: d.issuer.departments, hall: d.hall });

/** Who decides, as the body says it: the department by its full name, or the hall "受 … 委托". */
export function decider(f: Frame, d: NoticeData, verb: 'accept' | 'acceptWithGaps' | 'reject'): string {
  const { t } = f;
  const [only] = d.issuer.departments;
  if (d.issuer.signing === 'own_seal' && d.issuer.departments.length === 1 && only) return t(`decider.own.${verb}`, { department: only });
  return t(`decider.entrusted.${verb}`, { hall: d.hall?.name ?? t('hall.default'), departments: joinList(d.issuer.departments, t) });
}

/** The departments' names as one phrase (for "不属于 … 的职权范围"). */
export const departmentsText = (f: Frame, d: NoticeData): string => (d.issuer.departments.length > 0 ? joinList(d.issuer.departments, f.t) : f.t('seal.officeDefault'));

/** The cited basis of a non-licence item ("依据《…》的规定，"), or nothing when it has none. */
export function basisText(f: Frame, d: NoticeData): string {
  const bases = [...new Set(d.items.map((i) => i.legalBasis).filter((b) => b !== '' && b !== '—'))];
  return bases.length === 0 ? '' : f.t('basis.cited', { basis: joinList(bases, f.t) });
}

/** Where to hand things in: the hall's comprehensive windows, with its address. */
export function placeText(f: Frame, d: NoticeData): string {
  const hall = d.hall?.name ?? f.t('hall.default');
  return d.hall?.address ? f.t('place.withAddress', { hall, address: d.hall.address }) : f.t('place.hall', { hall });
}

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
    fields.push({ label: t('field.itemType'), value: t(`itemType.${item.itemType}`) });
    fields.push({ label: t('field.department'), value: item.department, wide: true });
    if (withLimits) {
      fields.push({ label: t('field.legalLimit'), value: formatLimit(item.legalLimit, t) });
      fields.push({ label: t('field.promisedLimit'), value: formatLimit(item.promisedLimit, t) });
    }
    if (item.legalBasis !== '') fields.push({ label: t('field.legalBasis'), value: item.legalBasis, wide: true });
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

/** Materials handed in. Exempt ones (replaced by an e-certificate) are listed apart: exemptTable. */
export function receivedTable(f: Frame, heading: string, materials: NoticeMaterial[], tag: string): TableNode {
  const { t } = f;
  const rows = materials.filter((m) => m.status === 'received');
  if (f.receipt) {
    const body = rows.map((m, i): TableCell[] => [{ stack: [{ text: `${i + 1}. ${m.name}`, style: 'cell' }, { text: formText(f, m), style: 'small' }] }, { text: num(m.copies), style: 'num' }, { text: num(m.pages), style: 'num' }]);
    return listTable(f, heading, tag, [t('col.material'), t('col.copies'), t('col.pages')], body, ['*', f.zh ? 18 : 28, f.zh ? 18 : 26]);
  }
  const body = rows.map((m, i): TableCell[] => [
    { text: String(i + 1), style: 'num' },
    { text: m.name, style: 'cell' },
    { text: formText(f, m), style: 'num' },
    { text: num(m.copies), style: 'num' },
    { text: num(m.pages), style: 'num' },
    { text: m.note ?? '', style: 'cell' },
  ]);
  const head = [t('col.no'), t('col.material'), t('col.form'), t('col.copies'), t('col.pages'), t('col.note')];
  return listTable(f, heading, tag, head, body, f.zh ? [24, '*', 64, 26, 26, 96] : [24, '*', 76, 36, 32, 90]);
}

/** Materials not handed in because an e-certificate (or shared data) stands for them: apart from the received ones. */
export function exemptTable(f: Frame, heading: string, materials: NoticeMaterial[]): TableNode | null {
  const { t } = f;
  const rows = materials.filter((m) => m.status === 'exempt');
  if (rows.length === 0) return null;
  if (f.receipt) {
    const body = rows.map((m, i): TableCell[] => [{ stack: [{ text: `${i + 1}. ${m.name}`, style: 'cell' }, ...(m.note ? [{ text: m.note, style: 'small' }] : [])] }]);
    return listTable(f, heading, 'exempt', [t('col.material')], body, ['*']);
  }
  const body = rows.map((m, i): TableCell[] => [{ text: String(i + 1), style: 'num' }, { text: m.name, style: 'cell' }, { text: m.note ?? t('status.exempt'), style: 'cell' }]);
  return listTable(f, heading, 'exempt', [t('col.no'), t('col.material'), t('col.exemptBy')], body, [24, '*', '*']);
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
