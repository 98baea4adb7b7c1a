import { formatDay } from '../i18n.js';
import type { Content, StackNode } from '../pdf.js';
import type { Frame } from './frame.js';
import { boxLayout } from './tables.js';

// Building blocks of a notice: headings, paragraphs, the title, the QR code, the reprint marker, the signature.

export const colon = (f: Frame): string => (f.zh ? '：' : ': ');

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Numbers the section headings of one document: 一、二、… / 1. 2. … */
export function headingCounter(f: Frame): (text: string) => string {
  let n = 0;
  return (text) => {
    n += 1;
    return f.zh ? `${ZH_NUMERALS[n - 1] ?? String(n)}、${text}` : `${n}. ${text}`;
  };
}

/** A heading with short content that must stay together (never more than a few lines). */
export function keptSection(heading: string, tag: string, body: Content[]): Content {
  return { stack: [{ text: heading, style: 'heading', notice: `heading:${tag}` }, ...body], unbreakable: true, notice: tag };
}

export function paragraph(text: string, tag: string): Content {
  return { text, style: 'body', notice: tag };
}

export function markerBox(f: Frame, n: number, margin: [number, number, number, number]): Content {
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

export function qrBlock(f: Frame, payload: string): StackNode {
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

export interface Heading {
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
export function titleBlock(f: Frame, h: Heading): Content[] {
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
export function signatureBlock(f: Frame, signLabel: string, hall: string | null, issuedAt: string): Content {
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

/** The line above the title: the hall, with its district in front unless the hall's name has it. */
export function officeLine(f: Frame, hall: string | null, district: string | null): string | null {
  if (!district) return hall;
  if (!hall) return district;
  return hall.includes(district) ? hall : `${district}${f.zh ? '' : ', '}${hall}`;
}
