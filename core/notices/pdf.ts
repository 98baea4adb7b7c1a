/**
 * The part of pdfmake's document-definition format that the notices use, as plain structural types.
 *
 * Why not `TDocumentDefinitions` from 'pdfmake/interfaces' here: that file starts with
 * `/// <reference types="node" />`, so importing it anywhere in core/ would put Node's globals
 * (`Buffer`, `process`) into tsconfig.core.json's program and switch off its guarantee that core
 * code cannot use them. These types are a strict subset of pdfmake's; main/notices/render.ts
 * assigns a `DocDefinition` to `TDocumentDefinitions`, so the type checker proves they fit.
 */

export type Margins = number | [number, number] | [number, number, number, number];
export type Alignment = 'left' | 'right' | 'center' | 'justify';

export interface Style {
  font?: string;
  fontSize?: number;
  lineHeight?: number;
  bold?: boolean;
  alignment?: Alignment;
  color?: string;
  margin?: Margins;
  characterSpacing?: number;
  leadingIndent?: number;
  fillColor?: string;
  noWrap?: boolean;
  preserveLeadingSpaces?: boolean;
}

interface Base extends Style {
  style?: string | string[];
  unbreakable?: boolean;
  pageBreak?: 'before' | 'after';
  /** Tags a section for tests and tools; pdfmake ignores it. */
  notice?: string;
}

/**
 * The colour of the zero-length line that gives the seal area its height: white to the eye, and how
 * render.ts finds the page the seal fell on in pdfmake's laid-out pages (a moved unbreakable block
 * keeps its nodes' first positions, so the pages themselves are what tells).
 */
export const SEAL_MARK_COLOR = '#fffffe';

/** A run of inline text; `font` is set only where a fallback font must print it. */
export interface TextRun extends Style {
  text: string;
}

export interface TextNode extends Base {
  text: string | (string | TextRun)[];
}
export interface StackNode extends Base {
  stack: Content[];
}
export interface ColumnsNode extends Base {
  columns: Column[];
  columnGap?: number;
}
export interface QrNode extends Base {
  qr: string;
  fit?: number;
  eccLevel?: 'L' | 'M' | 'Q' | 'H';
}
export interface CanvasLine {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  lineColor?: string;
  dash?: { length: number; space?: number };
}
export interface CanvasRect {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  lineWidth?: number;
  lineColor?: string;
  dash?: { length: number; space?: number };
}
export interface CanvasNode extends Base {
  canvas: (CanvasLine | CanvasRect)[];
}

export interface TableLayout {
  hLineWidth?: (i: number, node: { table: { body: unknown[][] } }) => number;
  vLineWidth?: (i: number, node: { table: { widths?: unknown } }) => number;
  hLineColor?: string;
  vLineColor?: string;
  paddingLeft?: (i: number) => number;
  paddingRight?: (i: number) => number;
  paddingTop?: (i: number) => number;
  paddingBottom?: (i: number) => number;
  fillColor?: (rowIndex: number) => string | null;
}

/** A table cell; `{}` fills the place of a cell covered by a neighbour's colSpan. */
export type TableCell = string | (ContentNode & { colSpan?: number; rowSpan?: number; border?: [boolean, boolean, boolean, boolean] }) | Record<string, never>;

export interface TableNode extends Base {
  table: {
    body: TableCell[][];
    widths?: (number | string)[];
    headerRows?: number;
    dontBreakRows?: boolean;
    keepWithHeaderRows?: number;
  };
  layout?: TableLayout | 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines';
}

export type ContentNode = TextNode | StackNode | ColumnsNode | TableNode | QrNode | CanvasNode;
export type Content = string | ContentNode | Content[];
/** A column: a node with its width (a number of points, 'auto' or '*'). */
export type Column = ContentNode & { width?: number | string };

export type DynamicContent = (currentPage: number, pageCount: number) => Content;

export interface PageSize {
  width: number;
  /** 'auto': one page as long as its content (the receipt roll). */
  height: number | 'auto';
}

export interface DocDefinition {
  content: Content;
  pageSize: 'A4' | PageSize;
  pageMargins: [number, number, number, number];
  header?: DynamicContent;
  footer?: DynamicContent;
  watermark?: { text: string; color?: string; opacity?: number; fontSize?: number; angle?: number; font?: string };
  defaultStyle: Style;
  styles?: Record<string, Style>;
  info: { title: string; subject?: string; author?: string; creator: string; producer: string; creationDate: Date; keywords?: string };
  language?: string;
}

/**
 * The family name the definitions print in: a Song/Ming face (Noto Serif CJK SC), as GB/T 9704 has
 * official documents printed; main/notices maps it to the font file and its serif fallbacks.
 */
export const NOTICE_FONT = 'NoticeSerif';
