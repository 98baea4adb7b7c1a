import { formatDate, formatDateTime, formatDay, formatDays, formatFee, idTypeLabel, translator, type Translate } from './i18n.js';
import { NOTICE_FONT, type Content, type DocDefinition, type StackNode, type Style, type TableCell, type TableLayout, type TableNode } from './pdf.js';
import type { DeliveryReceiptData, NoticeData, NoticeLanguage, NoticeLayout, NoticeMaterial } from './types.js';

/**
 * pdfmake document definitions for the notices, as pure functions of NoticeData.
 *
 * One structure, two layouts: `a4` (an A4 sheet; the reprint marker in the header of every page,
 * the document number and page count in the footer) and `receipt` (the 80 mm roll: one page as long
 * as its content, so the marker stands at its top and its bottom). Tables repeat their header row
 * on each page and never split a row; the signature and seal block is never split either. Nothing is
 * truncated: every cell wraps.
 */

/** 80 mm in points. */
export const RECEIPT_WIDTH_PT = 226.77;
const A4_MARGINS: [number, number, number, number] = [60, 64, 60, 56];
const RECEIPT_MARGINS: [number, number, number, number] = [10, 12, 10, 16];

interface Frame {
  layout: NoticeLayout;
  language: NoticeLanguage;
  t: Translate;
  receipt: boolean;
  zh: boolean;
}

function frameOf(layout: NoticeLayout, language: NoticeLanguage): Frame {
  return { layout, language, t: translator(language), receipt: layout === 'receipt', zh: language === 'zh-CN' };
}

function styles(f: Frame): Record<string, Style> {
  const r = f.receipt;
  return {
    hall: { fontSize: r ? 9 : 12, alignment: 'center', characterSpacing: r || !f.zh ? 0 : 1, margin: [0, 0, 0, r ? 2 : 4] },
    title: { fontSize: r ? 13 : 20, alignment: 'center', characterSpacing: f.zh ? (r ? 1 : 4) : 0, lineHeight: 1.15 },
    subtitle: { fontSize: r ? 9 : 12, alignment: 'center', margin: [0, 2, 0, 0] },
    meta: { fontSize: r ? 7.5 : 9.5 },
    heading: { fontSize: r ? 9 : 11.5, margin: r ? [0, 7, 0, 3] : [0, 12, 0, 5] },
    body: { fontSize: r ? 8 : 10.5, lineHeight: r ? 1.3 : 1.5, leadingIndent: f.zh ? (r ? 16 : 21) : 0, margin: [0, 0, 0, r ? 3 : 4] },
    note: { fontSize: r ? 7 : 9, lineHeight: 1.35, color: '#333333', margin: [0, 2, 0, r ? 3 : 4] },
    label: { fontSize: r ? 7.5 : 9.5, color: '#222222' },
    value: { fontSize: r ? 7.5 : 9.5 },
    th: { fontSize: r ? 7 : 9, alignment: 'center' },
    cell: { fontSize: r ? 7.5 : 9.5 },
    num: { fontSize: r ? 7.5 : 9.5, alignment: 'center' },
    small: { fontSize: r ? 6.5 : 8, color: '#444444' },
    marker: { fontSize: r ? 9.5 : 11, alignment: 'center' },
    reason: { fontSize: r ? 8 : 10.5, lineHeight: r ? 1.3 : 1.5 },
  };
}

// ---------------------------------------------------------------------------------------------
// Table layouts (plain objects of functions: pdfmake accepts them inline).

const GRID_COLOR = '#777777';
/** Cell padding left and right: grids, lists on A4, lists on the roll. */
const PAD = { grid: 4, list: 3, receiptList: 2 };

/**
 * A section heading can be the first row of its table (see `headed`); that row gets the space
 * above the heading as its top padding, and no lines.
 */
function gridLayout(f: Frame, headed: boolean): TableLayout {
  const pad = f.receipt ? 1.5 : 2.5;
  return {
    hLineWidth: (i) => (headed && i === 0 ? 0 : 0.5),
    vLineWidth: () => 0.5,
    hLineColor: GRID_COLOR,
    vLineColor: GRID_COLOR,
    paddingLeft: () => PAD.grid,
    paddingRight: () => PAD.grid,
    paddingTop: (row) => (headed && row === 0 ? headingSpace(f) : pad),
    paddingBottom: () => pad,
    fillColor: () => null,
  };
}

/** A list of materials: the column heads (after the section heading) are shaded. */
function listLayout(f: Frame, headed: boolean): TableLayout {
  const heads = headed ? 1 : 0;
  return {
    hLineWidth: (i) => (headed && i === 0 ? 0 : 0.5),
    vLineWidth: () => (f.receipt ? 0 : 0.5),
    hLineColor: GRID_COLOR,
    vLineColor: GRID_COLOR,
    paddingLeft: () => (f.receipt ? PAD.receiptList : PAD.list),
    paddingRight: () => (f.receipt ? PAD.receiptList : PAD.list),
    paddingTop: (row) => (headed && row === 0 ? headingSpace(f) : 2),
    paddingBottom: () => 2,
    fillColor: (row) => (row === heads ? '#e6e6e6' : null),
  };
}

const headingSpace = (f: Frame): number => (f.receipt ? 5 : 9);

const boxLayout = (width: number): TableLayout => ({
  hLineWidth: () => width,
  vLineWidth: () => width,
  hLineColor: '#000000',
  vLineColor: '#000000',
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 3,
  paddingBottom: () => 3,
});

// ---------------------------------------------------------------------------------------------
// Building blocks.

interface Field {
  label: string;
  value: string;
  /** Takes the whole row on A4 (long values: names, addresses, legal basis). */
  wide?: boolean;
}

const EMPTY: TableCell = {};

/**
 * Puts a section heading into a table as its first row (borderless, spanning all columns), so that
 * a heading never ends a page without its table, and is repeated above a table that goes on.
 */
function headed(heading: string | null, padding: number, table: TableNode): TableNode {
  if (heading === null) return table;
  const columns = table.table.widths?.length ?? 1;
  const none: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  const cell: TableCell = { text: heading, style: 'heading', colSpan: columns, border: none, margin: [-padding, 0, 0, 0] };
  // The cells under the span need no borders either, or pdfmake draws their top line.
  const covered = Array.from({ length: columns - 1 }, (): TableCell => ({ text: '', border: none }));
  const body = [[cell, ...covered], ...table.table.body];
  return { ...table, table: { ...table.table, body, headerRows: (table.table.headerRows ?? 0) + 1, keepWithHeaderRows: 1 } };
}

/** Label/value pairs: two pairs a row on A4 (wide ones alone), one a row on the roll. */
function fieldGrid(f: Frame, fields: Field[], tag: string, heading: string | null = null): TableNode {
  const label = (x: Field): TableCell => ({ text: x.label, style: 'label', fillColor: '#f0f0f0' });
  const value = (x: Field, colSpan?: number): TableCell => ({ text: x.value, style: 'value', ...(colSpan ? { colSpan } : {}) });
  const body: TableCell[][] = [];
  let widths: string[] | number[] | (number | string)[];
  if (f.receipt) {
    for (const x of fields) body.push([label(x), value(x)]);
    widths = [f.zh ? 46 : 58, '*'];
  } else {
    let pending: Field | null = null;
    const alone = (x: Field): void => {
      body.push([label(x), value(x, 3), EMPTY, EMPTY]);
    };
    for (const x of fields) {
      if (x.wide) {
        if (pending) alone(pending);
        pending = null;
        alone(x);
      } else if (pending) {
        body.push([label(pending), value(pending), label(x), value(x)]);
        pending = null;
      } else {
        pending = x;
      }
    }
    if (pending) alone(pending);
    const lw = f.zh ? 72 : 92;
    widths = [lw, '*', lw, '*'];
  }
  const table: TableNode = { table: { body, widths, dontBreakRows: true }, layout: gridLayout(f, heading !== null), notice: tag };
  if (heading === null) table.margin = [0, f.receipt ? 4 : 8, 0, 0];
  return headed(heading, PAD.grid, table);
}

/** A list table with its section heading. */
function listTable(f: Frame, heading: string, tag: string, head: string[], rows: TableCell[][], widths: (number | string)[]): TableNode {
  const th = (text: string): TableCell => ({ text, style: 'th' });
  const body: TableCell[][] = [head.map(th), ...rows];
  if (rows.length === 0) body.push([{ text: f.t('materials.none'), style: 'cell', colSpan: head.length }, ...head.slice(1).map(() => EMPTY)]);
  const table: TableNode = { table: { body, widths, headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1 }, layout: listLayout(f, true), notice: tag };
  return headed(heading, f.receipt ? PAD.receiptList : PAD.list, table);
}

const colon = (f: Frame): string => (f.zh ? '：' : ': ');

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Numbers the section headings of one document: 一、二、… / 1. 2. … */
function headingCounter(f: Frame): (text: string) => string {
  let n = 0;
  return (text) => {
    n += 1;
    return f.zh ? `${ZH_NUMERALS[n - 1] ?? String(n)}、${text}` : `${n}. ${text}`;
  };
}

/** A heading with short content that must stay together (never more than a few lines). */
function keptSection(heading: string, tag: string, body: Content[]): Content {
  return { stack: [{ text: heading, style: 'heading', notice: `heading:${tag}` }, ...body], unbreakable: true, notice: tag };
}

function paragraph(text: string, tag: string): Content {
  return { text, style: 'body', notice: tag };
}

function markerBox(f: Frame, n: number, margin: [number, number, number, number]): Content {
  return {
    columns: [
      { text: '', width: '*' },
      {
        width: 'auto',
        table: { body: [[{ text: f.t('reprint.marker', { n }), style: 'marker' }]] },
        layout: boxLayout(f.receipt ? 1 : 1.2),
      },
      ...(f.receipt ? [{ text: '', width: '*' }] : []),
    ],
    margin,
    notice: 'reprint',
  };
}

function qrBlock(f: Frame, payload: string): StackNode {
  const fit = f.receipt ? 104 : 74;
  return {
    stack: [
      { qr: payload, fit, eccLevel: 'M', alignment: 'center' },
      { text: f.t('qr.caption'), style: 'small', alignment: 'center', margin: [0, 1, 0, 0] },
    ],
    notice: 'qr',
    unbreakable: true,
    margin: f.receipt ? [0, 8, 0, 2] : [0, 0, 0, 0],
  };
}

interface Heading {
  hall: string | null;
  title: string;
  subtitle?: string;
  documentNo: string;
  caseNo: string;
  qrPayload: string;
}

/**
 * The title block. A4: the title centred between the document numbers (left) and the QR code
 * (right); the roll: title, then the numbers, and the QR code at the end of the slip.
 */
function titleBlock(f: Frame, h: Heading): Content[] {
  const title: StackNode = {
    stack: [
      ...(h.hall ? [{ text: h.hall, style: 'hall' }] : []),
      { text: h.title, style: 'title' },
      ...(h.subtitle ? [{ text: h.subtitle, style: 'subtitle' }] : []),
    ],
    notice: 'title',
  };
  const numbers: StackNode = {
    stack: [
      { text: `${f.t('field.documentNo')}${colon(f)}${h.documentNo}`, style: 'meta' },
      { text: `${f.t('field.caseNo')}${colon(f)}${h.caseNo}`, style: 'meta', margin: [0, 2, 0, 0] },
    ],
    notice: 'meta',
  };
  if (f.receipt) return [{ ...title, margin: [0, 0, 0, 6] }, { ...numbers, margin: [0, 0, 0, 6] }];
  return [
    { columns: [{ text: '', width: 84 }, { ...title, width: '*', margin: [0, 6, 0, 0] }, { ...qrBlock(f, h.qrPayload), width: 84 }], columnGap: 8 },
    { ...numbers, margin: [0, 2, 0, 10] },
  ];
}

/** The applicant's (or collector's) signature with the time, and the office's seal with the date. */
function signatureBlock(f: Frame, signLabel: string, hall: string | null, issuedAt: string): Content {
  const office = hall ? f.t('seal.office', { hall }) : f.t('seal.officeDefault');
  const line = (width: number): Content => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }] });
  if (f.receipt) {
    return {
      stack: [
        { stack: [{ text: signLabel, style: 'value', margin: [0, 8, 0, 16] }, line(200), { text: `${f.t('sign.date')}${f.t('sign.dateBlank')}`, style: 'value', margin: [0, 6, 0, 0] }], notice: 'signature' },
        {
          stack: [
            { text: `${office}${f.t('seal.label')}`, style: 'value', alignment: 'right', margin: [0, 14, 0, 0] },
            { text: formatDay(issuedAt, f.language), style: 'value', alignment: 'right', margin: [0, 2, 0, 0] },
          ],
          notice: 'seal',
        },
      ],
      unbreakable: true,
    };
  }
  return {
    columns: [
      {
        width: '*',
        stack: [
          { text: signLabel, style: 'value', margin: [0, 0, 0, 26] },
          line(190),
          { text: `${f.t('sign.date')}${f.t('sign.dateBlank')}`, style: 'value', margin: [0, 10, 0, 0] },
        ],
        notice: 'signature',
      },
      {
        // Room for the round seal (42 mm) over the office's name and the date.
        width: 210,
        stack: [
          { text: `${office}${f.t('seal.label')}`, style: 'value', alignment: 'center', margin: [0, 36, 0, 4] },
          { text: formatDay(issuedAt, f.language), style: 'value', alignment: 'center' },
        ],
        notice: 'seal',
      },
    ],
    columnGap: 20,
    margin: [0, 22, 0, 0],
    unbreakable: true,
  };
}

interface FrameParts {
  title: string;
  documentNo: string;
  caseNo: string;
  hall: string | null;
  issuedAt: string;
  reprint: number | null;
}

/** Page size, margins, header and footer (A4), reprint marks, styles and metadata. */
function frame(f: Frame, parts: FrameParts, content: Content[]): DocDefinition {
  const { t } = f;
  const reprint = parts.reprint;
  const def: DocDefinition = {
    content: f.receipt && reprint !== null ? [markerBox(f, reprint, [0, 0, 0, 6]), ...content, markerBox(f, reprint, [0, 10, 0, 0])] : content,
    pageSize: f.receipt ? { width: RECEIPT_WIDTH_PT, height: 'auto' } : 'A4',
    pageMargins: f.receipt ? RECEIPT_MARGINS : A4_MARGINS,
    defaultStyle: { font: NOTICE_FONT, fontSize: f.receipt ? 8 : 10.5, lineHeight: 1.25 },
    styles: styles(f),
    info: {
      title: `${parts.title} ${parts.documentNo}`,
      subject: parts.caseNo,
      ...(parts.hall ? { author: parts.hall } : {}),
      creator: 'OneWindow 一窗通',
      producer: 'OneWindow 一窗通',
      creationDate: new Date(parts.issuedAt),
      keywords: parts.caseNo,
    },
    language: f.language,
  };
  if (!f.receipt) {
    if (reprint !== null) {
      def.header = () => markerBox(f, reprint, [A4_MARGINS[0], 22, A4_MARGINS[2], 0]);
      def.watermark = { text: t('reprint.watermark'), color: '#888888', opacity: 0.12, fontSize: 110, font: NOTICE_FONT };
    }
    def.footer = (page, pages) => ({
      columns: [
        { text: parts.documentNo, style: 'small', width: '*' },
        { text: t('page.footer', { page, pages }), style: 'small', alignment: 'right', width: 'auto' },
      ],
      margin: [A4_MARGINS[0], 20, A4_MARGINS[2], 0],
    });
  }
  return def;
}

// ---------------------------------------------------------------------------------------------
// Sections shared by the notices.

function applicantFields(f: Frame, d: NoticeData): Field[] {
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

function itemFields(f: Frame, d: NoticeData, withLimits: boolean): Field[] {
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

function windowText(f: Frame, windowNo: string | null): string {
  return windowNo ? f.t('window.no', { n: windowNo }) : '—';
}

function deliveryText(f: Frame, d: NoticeData): string {
  return d.delivery.length === 0 ? '—' : d.delivery.map((m) => f.t(`delivery.${m}`)).join(f.zh ? '、' : ', ');
}

function formText(f: Frame, m: NoticeMaterial): string {
  return m.form ? f.t(`form.${m.form}`) : '—';
}

const num = (n: number | null): string => (n === null ? '—' : String(n));

/** Materials handed in (received, or replaced by an e-certificate). */
function receivedTable(f: Frame, heading: string, materials: NoticeMaterial[], tag: string): TableNode {
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
function gapsTable(f: Frame, heading: string, d: NoticeData): TableNode {
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
function toSupplyTable(f: Frame, heading: string, materials: NoticeMaterial[]): TableNode {
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

function received(f: Frame, d: NoticeData): string {
  return formatDay(d.receivedAt, f.language);
}

// ---------------------------------------------------------------------------------------------
// The documents.

function acceptance(f: Frame, d: NoticeData): Content[] {
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

function correction(f: Frame, d: NoticeData): Content[] {
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

function rejection(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const redress = d.redress;
  return [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t('body.rejected', { received: received(f, d), title: d.title }), 'body'),
    headed(h(t('section.reason')), 6, { table: { body: [[{ text: d.rejectReason ?? '—', style: 'reason' }]], widths: ['*'], headerRows: 0 }, layout: { ...boxLayout(0.6), hLineWidth: (i) => (i === 0 ? 0 : 0.6), paddingTop: (row) => (row === 0 ? headingSpace(f) : 3) }, notice: 'reason' }),
    keptSection(h(t('field.authority')), 'authority', [paragraph(t('body.rejectedAuthority', { authority: d.competentAuthority ?? '—' }), 'authorityText')]),
    keptSection(h(t('section.redress')), 'redress', [
      paragraph(t('body.redressState'), 'redressState'),
      paragraph(t('body.redressReview', { reviewBody: redress?.reviewBody ?? t('redress.reviewBodyDefault'), court: redress?.court ?? t('redress.courtDefault') }), 'redressReview'),
    ]),
    fieldGrid(f, applicantFields(f, d), 'applicant', h(t('section.applicant'))),
    fieldGrid(f, itemFields(f, d, false), 'items', h(t('section.items'))),
    fieldGrid(f, [
      { label: t('field.receivedAt'), value: formatDateTime(d.receivedAt, f.language) },
      { label: t('field.decidedAt'), value: formatDay(d.issuedAt, f.language) },
      { label: t('field.window'), value: windowText(f, d.windowNo) },
      { label: t('field.staff'), value: d.staff },
    ], 'case'),
  ];
}

function completion(f: Frame, d: NoticeData): Content[] {
  const { t } = f;
  const h = headingCounter(f);
  const completedAt = d.acceptedAt ?? d.receivedAt;
  return [
    paragraph(t('salutation', { name: d.applicant.name }), 'salutation'),
    paragraph(t('body.completed', { received: received(f, d), title: d.title, completed: formatDateTime(completedAt, f.language) }), 'body'),
    paragraph(t('body.completedResult'), 'result'),
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
}

/** The line above the title: the hall, with its district in front unless the hall's name has it. */
function officeLine(f: Frame, hall: string | null, district: string | null): string | null {
  if (!district) return hall;
  if (!hall) return district;
  return hall.includes(district) ? hall : `${district}${f.zh ? '' : ', '}${hall}`;
}

function titleOf(f: Frame, d: NoticeData): { title: string; subtitle?: string } {
  switch (d.kind) {
    case 'accepted':
      return d.withGaps ? { title: f.t('title.acceptedWithGaps'), subtitle: f.t('subtitle.acceptedWithGaps') } : { title: f.t('title.accepted') };
    case 'correction':
      return { title: f.t('title.correction') };
    case 'rejected':
      return { title: f.t('title.rejected') };
    case 'completed':
      return { title: f.t('title.completed') };
  }
}

const BODIES: Record<NoticeData['kind'], (f: Frame, d: NoticeData) => Content[]> = {
  accepted: acceptance,
  correction,
  rejected: rejection,
  completed: completion,
};

/** The document definition of a notice: 受理通知书, 一次性告知书, 不予受理通知书 or 即办件办结单. */
export function buildNotice(data: NoticeData, layout: NoticeLayout): DocDefinition {
  const f = frameOf(layout, data.language);
  const { title, subtitle } = titleOf(f, data);
  const heading: Heading = { hall: officeLine(f, data.hall, data.district), title, documentNo: data.documentNo, caseNo: data.caseNo, qrPayload: data.qrPayload };
  if (subtitle !== undefined) heading.subtitle = subtitle;
  const content: Content[] = [...titleBlock(f, heading), ...BODIES[data.kind](f, data), signatureBlock(f, f.t('sign.applicant'), data.hall, data.issuedAt)];
  if (f.receipt) content.push(qrBlock(f, data.qrPayload));
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall, issuedAt: data.issuedAt, reprint: data.reprint }, content);
}

/** The document definition of a 领取回执 (the result handed over at the window). */
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
    { label: t('field.window'), value: windowText(f, data.windowNo) },
    { label: t('field.deliveryStaff'), value: data.staff },
  ];
  const content: Content[] = [
    ...titleBlock(f, { hall: officeLine(f, data.hall, data.district), title, documentNo: data.documentNo, caseNo: data.caseNo, qrPayload: data.qrPayload }),
    paragraph(t('body.delivery'), 'body'),
    fieldGrid(f, fields, 'result', headingCounter(f)(t('section.result'))),
    signatureBlock(f, t('sign.collector'), data.hall, data.collectedAt),
  ];
  if (f.receipt) content.push(qrBlock(f, data.qrPayload));
  return frame(f, { title, documentNo: data.documentNo, caseNo: data.caseNo, hall: data.hall, issuedAt: data.collectedAt, reprint: data.reprint }, content);
}
