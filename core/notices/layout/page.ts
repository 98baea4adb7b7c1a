import { NOTICE_FONT, type Content, type DocDefinition, type Style } from '../pdf.js';
import { markerBox } from './blocks.js';
import type { Frame } from './frame.js';

/** 80 mm in points. */
export const RECEIPT_WIDTH_PT = 226.77;
const A4_MARGINS: [number, number, number, number] = [60, 64, 60, 56];
const RECEIPT_MARGINS: [number, number, number, number] = [10, 12, 10, 16];

function styles(f: Frame): Record<string, Style> {
  const r = f.receipt;
  // Compact (tried before letting the closing group start a page of its own): tighter lines and gaps.
  const c = f.compact;
  return {
    hall: { fontSize: r ? 9 : 12, alignment: 'center', characterSpacing: r || !f.zh ? 0 : 1, margin: [0, 0, 0, r ? 2 : 4] },
    title: { fontSize: r ? 13 : 20, alignment: 'center', characterSpacing: f.zh ? (r ? 1 : 4) : 0, lineHeight: 1.15 },
    subtitle: { fontSize: r ? 9 : 12, alignment: 'center', margin: [0, 2, 0, 0] },
    meta: { fontSize: r ? 7.5 : 9.5 },
    heading: { fontSize: r ? 9 : 11.5, margin: r ? [0, 7, 0, 3] : c ? [0, 6, 0, 3] : [0, 12, 0, 5] },
    body: { fontSize: r ? 8 : 10.5, lineHeight: r ? 1.3 : c ? 1.3 : 1.5, leadingIndent: f.zh ? (r ? 16 : 21) : 0, margin: [0, 0, 0, r ? 3 : c ? 2 : 4] },
    note: { fontSize: r ? 7 : 9, lineHeight: c ? 1.2 : 1.35, color: '#333333', margin: [0, c ? 1 : 2, 0, r ? 3 : c ? 2 : 4] },
    label: { fontSize: r ? 7.5 : 9.5, color: '#222222' },
    value: { fontSize: r ? 7.5 : 9.5 },
    th: { fontSize: r ? 7 : 9, alignment: 'center' },
    cell: { fontSize: r ? 7.5 : 9.5 },
    num: { fontSize: r ? 7.5 : 9.5, alignment: 'center' },
    small: { fontSize: r ? 6.5 : 8, color: '#444444' },
    marker: { fontSize: r ? 9.5 : 11, alignment: 'center' },
    reason: { fontSize: r ? 8 : 10.5, lineHeight: r ? 1.3 : c ? 1.3 : 1.5 },
  };
}

export interface FrameParts {
  title: string;
  documentNo: string;
  caseNo: string;
  hall: string | null;
  issuedAt: string;
  reprint: number | null;
}

/** Page size, margins, header and footer (A4), reprint marks, styles and metadata. */
export function frame(f: Frame, parts: FrameParts, content: Content[]): DocDefinition {
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
