import { formatDay, joinList, noticeTexts } from '../i18n.js';
import { SEAL_MARK_COLOR, type Content, type StackNode } from '../pdf.js';
import type { NoticeHall } from '../types.js';
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
  // The code holds the progress URL and the signed payload (~250 characters, version 11): 84 pt keeps its modules ≥ 0.5 mm.
  const fit = f.receipt ? 104 : 84;
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

/** 42 mm: the round seal (公章, 受理专用章) needs a clear area this high on the page that carries the text. */
export const SEAL_AREA_PT = (42 / 25.4) * 72;

/** Who signs: the department's own seal, or the hall's 受理专用章 on its behalf (NoticeIssuer). */
export interface Signer {
  signing: 'own_seal' | 'hall_entrusted';
  departments: string[];
  hall: NoticeHall | null;
}

/** The lines under the seal: "<department>（盖章）", or "<hall>受理专用章（盖章）" and "受 <departments> 委托". */
function officeLines(f: Frame, signer: Signer): string[] {
  const { t } = f;
  const [only] = signer.departments;
  if (signer.signing === 'own_seal' && signer.departments.length === 1 && only) return [`${only}${t('seal.label')}`];
  const hall = signer.hall?.name ?? null;
  const lines = [hall ? `${t('seal.hallSeal', { hall })}${t('seal.label')}` : `${t('seal.officeDefault')}${t('seal.label')}`];
  if (signer.departments.length > 0) lines.push(t('seal.entrusted', { departments: joinList(signer.departments, t) }));
  return lines;
}

/**
 * The applicant's (or collector's) signature with the time, and the seal: a clear area at least
 * 42 mm high (SEAL_AREA_PT, tagged `sealArea`, nothing drawn in it) over the office's name and the
 * date, as GB/T 9704 has the seal press on the name. Unbreakable, and always part of the closing
 * group (`closing`), so it never stands alone on a page.
 */
export function signatureBlock(f: Frame, signLabel: string, signer: Signer, issuedAt: string): Content {
  const lines = officeLines(f, signer);
  const line = (width: number): Content => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }] });
  // Reserves the area and draws nothing: a zero-length line at its foot gives the canvas its height.
  const sealArea: Content = { canvas: [{ type: 'line', x1: 0, y1: SEAL_AREA_PT, x2: 0, y2: SEAL_AREA_PT, lineWidth: 0.1, lineColor: SEAL_MARK_COLOR }], notice: 'sealArea' };
  const office: Content[] = [
    ...lines.map((text, i): Content => ({ text, style: 'value', alignment: f.receipt ? 'right' : 'center', margin: [0, i === 0 ? 0 : 1, 0, 0] })),
    { text: formatDay(issuedAt, f.language), style: 'value', alignment: f.receipt ? 'right' : 'center', margin: [0, 2, 0, 0] },
  ];
  if (f.receipt) {
    return {
      stack: [
        { stack: [{ text: signLabel, style: 'value', margin: [0, 8, 0, 16] }, line(200), { text: `${f.t('sign.date')}${f.t('sign.dateBlank')}`, style: 'value', margin: [0, 6, 0, 0] }], notice: 'signature' },
        { stack: [{ ...sealArea, margin: [0, 4, 0, 0] } as Content, ...office], notice: 'seal' },
      ],
      unbreakable: true,
    };
  }
  return {
    columns: [
      {
        width: '*',
        stack: [
          { text: signLabel, style: 'value', margin: [0, SEAL_AREA_PT - 40, 0, 26] },
          line(190),
          { text: `${f.t('sign.date')}${f.t('sign.dateBlank')}`, style: 'value', margin: [0, 10, 0, 0] },
        ],
        notice: 'signature',
      },
      { width: 220, stack: [sealArea, ...office], notice: 'seal' },
    ],
    columnGap: 16,
    margin: [0, f.compact ? 6 : 14, 0, 0],
    unbreakable: true,
  };
}

/** The hall's address and phones (consultation, supervision 12345): on every notice, above the signature. */
export function hallBlock(f: Frame, hall: NoticeHall | null): Content[] {
  const { t } = f;
  if (!hall) return [];
  const out: Content[] = [{ text: hall.address ? t('hall.line', { name: hall.name, address: hall.address }) : t('hall.nameOnly', { name: hall.name }), style: 'note', notice: 'hallAddress' }];
  if (hall.consultationPhone || hall.supervisionPhone) {
    out.push({ text: t('hall.phones', { consultation: hall.consultationPhone ?? '—', supervision: hall.supervisionPhone ?? '12345' }), style: 'note', notice: 'hallPhones' });
  }
  return out;
}

/**
 * The end of every notice, kept on one page: its last paragraphs (text of the decision itself), the
 * hall's address and phones, and the signature with the seal area. So the seal's page always carries
 * text: never a page holding only the signature block.
 */
export function closingGroup(f: Frame, paragraphs: Content[], hall: NoticeHall | null, signature: Content): Content {
  return { stack: [...paragraphs, ...hallBlock(f, hall), signature], unbreakable: true, notice: 'closing', margin: [0, f.compact ? 4 : 8, 0, 0] };
}

/** English notices are courtesy copies: said under the title, in both languages. */
export function courtesyNote(f: Frame): Content[] {
  if (f.zh) return [];
  return [{ stack: [{ text: f.t('courtesy.note'), style: 'note' }, { text: noticeTexts['zh-CN']['courtesy.note'], style: 'note' }], notice: 'courtesy', margin: [0, 0, 0, 6] }];
}

/** The line above the title: the hall, with its district in front unless the hall's name has it. */
export function officeLine(f: Frame, hall: NoticeHall | null, district: string | null): string | null {
  const name = hall?.name ?? null;
  if (!district) return name;
  if (!name) return district;
  return name.includes(district) ? name : `${district}${f.zh ? '' : ', '}${name}`;
}
