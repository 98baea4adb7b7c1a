import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildDeliveryReceipt, buildNotice, buildPaymentSlip } from '../../core/notices/build.js';
import { applyFontFallback } from '../../core/notices/fallback.js';
import type { DocDefinition } from '../../core/notices/pdf.js';
import type { DeliveryReceiptData, NoticeData, NoticeLayout, PaymentSlipData } from '../../core/notices/types.js';
import { compactSubroutines, type CffTable } from './cff-subrs.js';
import { NoticeFontSet, type FontkitFont } from './fonts.js';

/**
 * PDF bytes from a notice's document definition, with pdfmake 0.3's layout engine and pdfkit.
 *
 * pdfmake's own `createPdf` has pdfkit hand the font bytes to fontkit again for every document, and
 * parsing and shaping a 16 MB CJK font costs more than laying out a notice. So this module drives
 * pdfmake's layout and renderer itself (the ~30 lines of its Printer.createPdfKitDocument) on a
 * subclass of its PDFDocument whose `provideFont` embeds fonts parsed once per process:
 * - each document gets a thin view of the shared font (`Object.create`): the decoded tables (cmap,
 *   CFF, GSUB/GPOS, metrics) are shared, the glyph objects are the document's own. fontkit stores
 *   on a glyph the code points it was first made for, and pdfkit writes those into the PDF's text
 *   layer (ToUnicode), so a shared glyph cache would let one document change the text another
 *   yields. With views a document's bytes depend only on its definition (a test renders the same
 *   definition in a used and a fresh renderer and compares the bytes);
 * - shaping results are shared through a bounded LRU cache (`ShapingCache`);
 * - pdfkit still subsets each font per document, and the CFF subset keeps only the subroutines the
 *   document's glyphs call (cff-subrs.ts), which halves the size of a notice.
 * No URL or file is ever resolved from a definition (images and attachments are refused).
 *
 * These are pdfmake, pdfkit and fontkit internals (pdfmake/js/*.js, pdfkit's EmbeddedFont,
 * fontkit's `_glyphs` and `_layoutEngine`); the tests in render.test.ts pin them, so an upgrade that
 * changes them fails there, not at the counter.
 */

const requireHere = createRequire(import.meta.url);

interface PdfKitFont {
  id: string;
  font: FontkitFont;
}
interface PdfKitDocument {
  _fontFamilies: Record<string, PdfKitFont>;
  _fontCount: number;
  font(src: Uint8Array, family?: string): { _font: PdfKitFont };
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', cb: (err?: Error) => void): void;
  end(): void;
}
type PdfKitDocumentClass = new (
  fonts: object,
  images: object,
  patterns: object,
  attachments: object,
  options: object,
  virtualfs: null,
  localAccessPolicy: (path: string) => boolean,
) => PdfKitDocument & { provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont };
type EmbeddedFontClass = new (doc: PdfKitDocument, font: FontkitFont, id: string) => PdfKitFont;

interface PageSize {
  width: number;
  height: number;
}
interface LaidOutPage {
  pageSize: PageSize;
  items: { type: string; item: { y?: number; _height?: number; getHeight?: () => number; y1?: number; y2?: number; h?: number } }[];
}
interface LayoutBuilder {
  registerTableLayouts(layouts: object): void;
  layoutDocument(content: unknown, doc: PdfKitDocument, styles: object, defaultStyle: object, background: unknown, header: unknown, footer: unknown, watermark: unknown, pageBreakBefore: unknown): LaidOutPage[];
}
type Margins = { left: number; top: number; right: number; bottom: number };

const pdfmake = {
  PDFDocument: (requireHere('pdfmake/js/PDFDocument.js') as { default: PdfKitDocumentClass }).default,
  LayoutBuilder: (requireHere('pdfmake/js/LayoutBuilder.js') as { default: new (size: PageSize, margins: Margins, svg: unknown) => LayoutBuilder }).default,
  SVGMeasure: (requireHere('pdfmake/js/SVGMeasure.js') as { default: new () => unknown }).default,
  Renderer: (requireHere('pdfmake/js/Renderer.js') as { default: new (doc: PdfKitDocument, progress: undefined) => { renderPages(pages: LaidOutPage[]): void } }).default,
  pageSize: requireHere('pdfmake/js/PageSize.js') as { normalizePageSize(size: unknown, orientation: unknown): PageSize; normalizePageMargin(m: unknown): Margins },
  tableLayouts: (requireHere('pdfmake/js/tableLayouts.js') as { tableLayouts: object }).tableLayouts,
};

const denyFiles = (): boolean => false;

/** pdfkit's EmbeddedFont class and its parser, taken from a font pdfkit opened itself. */
interface PdfKitFonts {
  EmbeddedFont: EmbeddedFontClass;
  parse(bytes: Uint8Array, face: string | undefined): FontkitFont;
}

function pdfkitFonts(): PdfKitFonts {
  let EmbeddedFont: EmbeddedFontClass | null = null;
  return {
    get EmbeddedFont(): EmbeddedFontClass {
      if (!EmbeddedFont) throw new Error('no font parsed yet');
      return EmbeddedFont;
    },
    parse(bytes, face) {
      // pdfkit exports neither its EmbeddedFont class nor fontkit: let it open the font once in a
      // scratch document (never written) and keep the parsed font and the class.
      const scratch = new pdfmake.PDFDocument({}, {}, {}, {}, { autoFirstPage: false, font: null }, null, denyFiles);
      const opened = (face === undefined ? scratch.font(bytes) : scratch.font(bytes, face))._font;
      EmbeddedFont = opened.constructor as EmbeddedFontClass;
      return opened.font;
    },
  };
}

interface CffSubset {
  cff: CffTable & { isCIDFont: boolean; topDict: { FDArray?: object[] } };
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: { FDArray?: object[]; FDSelect?: object }): void;
}

/** Makes a fontkit CFF subset keep only the subroutines its glyphs use (see cff-subrs.ts). */
function compactingSubset(subset: CffSubset): void {
  if (!subset.cff.isCIDFont) return; // only CID-keyed fonts (Noto CJK) are handled; others as fontkit does
  const plain = { charstrings: subset.subsetCharstrings.bind(subset), fontdict: subset.subsetFontdict.bind(subset) };
  let local: Map<number, Uint8Array[]> | null = null;
  subset.subsetCharstrings = () => {
    const compacted = compactSubroutines(subset.cff, subset.glyphs);
    if (!compacted) return plain.charstrings();
    subset.charstrings = compacted.charstrings;
    subset.gsubrs = compacted.globalSubrs;
    local = compacted.localSubrs;
  };
  subset.subsetFontdict = (topDict) => {
    if (!local) return plain.fontdict(topDict);
    // fontkit's subsetFontdict, with the compacted local subroutines.
    const fdArray: { FontName?: unknown; Private?: { Subrs?: unknown } | null }[] = [];
    const fds: number[] = [];
    const position = new Map<number, number>();
    for (const gid of subset.glyphs) {
      const fd = subset.cff.fdForGlyph(gid);
      if (fd === null) continue;
      let at = position.get(fd);
      if (at === undefined) {
        at = fdArray.push({ ...(subset.cff.topDict.FDArray?.[fd] ?? {}) }) - 1;
        position.set(fd, at);
      }
      fds.push(at);
    }
    for (const [fd, at] of position) {
      const dict = fdArray[at];
      if (!dict) continue;
      delete dict.FontName;
      if (dict.Private?.Subrs) {
        const subrs = local.get(fd) ?? [];
        dict.Private = { ...dict.Private, Subrs: subrs.length > 0 ? subrs : [Uint8Array.of(11)] };
      }
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
}
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface FontkitRun {
  glyphs: FontkitGlyph[];
  positions: GlyphPosition[];
}
type ViewFont = FontkitFont & {
  _glyphs: object;
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  layout(text: string, ...options: unknown[]): FontkitRun;
  createSubset(): CffSubset;
};

/** A view of a shared font with its own glyph cache and its own (lazily made) layout engine. */
function ownView(shared: FontkitFont): ViewFont {
  const view = Object.create(shared) as ViewFont;
  view._glyphs = {};
  let proto: object | null = Object.getPrototypeOf(shared) as object | null;
  while (proto && !Object.getOwnPropertyDescriptor(proto, '_layoutEngine')?.get) proto = Object.getPrototypeOf(proto) as object | null;
  const getter = proto ? Object.getOwnPropertyDescriptor(proto, '_layoutEngine')?.get : undefined;
  if (!getter) throw new Error('fontkit changed: no _layoutEngine getter to give a view its own');
  // fontkit's @cache getter replaces itself with the value on `this` (the view), so it must be configurable here.
  Object.defineProperty(view, '_layoutEngine', { configurable: true, get: getter });
  return view;
}

/** What shaping a string gives, kept without glyph objects: ids, their code points, positions. */
interface Shaped {
  ids: number[];
  codePoints: number[][];
  positions: [number, number, number, number][];
}

/**
 * Shaping results (OpenType GSUB/GPOS through fontkit) by string, shared by all documents: a notice
 * shapes the same few hundred strings as the one before it. Shaping happens in a scratch view whose
 * glyph cache is emptied first, so an entry holds exactly the code points of its own string, as
 * pdfkit would have recorded them in a fresh document. Least recently used entries are dropped past
 * `capacity`, so memory stays bounded however many documents a process renders.
 */
export class ShapingCache {
  private readonly entries = new Map<string, Shaped>();
  private readonly scratch: ViewFont;

  constructor(
    shared: FontkitFont,
    readonly capacity = 20_000,
  ) {
    this.scratch = ownView(shared);
  }

  get size(): number {
    return this.entries.size;
  }

  shape(text: string): Shaped {
    const hit = this.entries.get(text);
    if (hit) {
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    this.scratch._glyphs = {};
    const run = this.scratch.layout(text);
    const shaped: Shaped = {
      ids: run.glyphs.map((g) => g.id),
      codePoints: run.glyphs.map((g) => [...g.codePoints]),
      positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    };
    this.entries.set(text, shaped);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return shaped;
  }
}

/**
 * The document's own view of a shared font: shared tables and shaping, its own glyph objects (so
 * the text layer records what this document's strings say), and a compacting CFF subset.
 */
function documentView(shared: FontkitFont, shaping: ShapingCache, compact: boolean): FontkitFont {
  const view = ownView(shared);
  const layout = view.layout;
  view.layout = function (this: ViewFont, text: string, ...options: unknown[]): FontkitRun {
    // pdfkit passes OpenType features only when a definition asks for them; then shape here.
    if (options.some((o) => o !== undefined)) return layout.call(this, text, ...options);
    const shaped = shaping.shape(text);
    const glyphs = shaped.ids.map((id, i) => this.getGlyph(id, shaped.codePoints[i]));
    // Fresh positions: pdfkit scales them in place.
    const positions = shaped.positions.map(([xAdvance, yAdvance, xOffset, yOffset]) => ({ xAdvance, yAdvance, xOffset, yOffset }));
    return {
      glyphs,
      positions,
      get advanceWidth(): number {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    } as FontkitRun;
  };
  if (compact) {
    const createSubset = view.createSubset;
    view.createSubset = function (this: ViewFont) {
      const subset = createSubset.call(this);
      if ('cff' in subset) compactingSubset(subset);
      return subset;
    };
  }
  return view;
}

export interface NoticeRenderer {
  readonly fonts: NoticeFontSet;
  /** Renders a definition; resolves to the PDF, its page count and characters no font had. */
  render(def: DocDefinition): Promise<RenderedPdf>;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  /** Characters printed as an empty box because no bundled font has them (should be empty). */
  missing: string[];
}

export interface RendererOptions {
  /** Where the shipped fonts are (default resources/fonts; the system's are tried after). */
  fontDirs?: readonly string[];
  /** Keep only the font subroutines a document uses (default true; false writes fontkit's subset). */
  compactSubroutines?: boolean;
}

/** A renderer with its own font set. Most code wants the process-wide `noticeRenderer()`. */
export function createNoticeRenderer(options: RendererOptions = {}): NoticeRenderer {
  const fontDirs = options.fontDirs;
  const compact = options.compactSubroutines ?? true;
  const shapers = new Map<FontkitFont, ShapingCache>();
  const kit = pdfkitFonts();
  const fonts = new NoticeFontSet((bytes, face) => kit.parse(bytes, face), fontDirs);

  class NoticePdfDocument extends pdfmake.PDFDocument {
    private readonly embeddedFonts = new Map<string, PdfKitFont>();
    override provideFont(family: string): PdfKitFont {
      // One face per family: bold and italics print in it too (no synthetic styles on a legal text).
      let f = this.embeddedFonts.get(family);
      if (!f) {
        const shared = fonts.font(family).font;
        let shaping = shapers.get(shared);
        if (!shaping) shapers.set(shared, (shaping = new ShapingCache(shared)));
        f = new kit.EmbeddedFont(this, documentView(shared, shaping, compact), `F${++this._fontCount}`);
        // pdfkit embeds (subsets) at end() every font registered here that a page used.
        this._fontFamilies[f.id] = f;
        this.embeddedFonts.set(family, f);
      }
      return f;
    }
  }

  function layout(def: DocDefinition): { doc: PdfKitDocument; pages: number } {
    fonts.font(fonts.primary); // load (or fail clearly) before anything is laid out
    const size = pdfmake.pageSize.normalizePageSize(def.pageSize, undefined);
    const doc = new NoticePdfDocument({}, {}, {}, {}, pdfOptions(def, size), null, denyFiles);
    const builder = new pdfmake.LayoutBuilder(size, pdfmake.pageSize.normalizePageMargin(def.pageMargins), new pdfmake.SVGMeasure());
    builder.registerTableLayouts(pdfmake.tableLayouts);
    const pages = builder.layoutDocument(def.content, doc, def.styles ?? {}, def.defaultStyle, undefined, def.header, def.footer, def.watermark, undefined);
    for (const page of pages) if (page.pageSize.height === Infinity) page.pageSize.height = pageHeight(page, def.pageMargins);
    new pdfmake.Renderer(doc, undefined).renderPages(pages);
    return { doc, pages: pages.length };
  }

  return {
    fonts,
    async render(input) {
      const { definition, missing } = applyFontFallback(input, fonts);
      const { doc, pages } = layout(definition);
      const pdf = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        doc.on('data', (chunk) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
        doc.end();
      });
      return { pdf, pages, missing: [...missing] };
    },
  };
}

let shared: NoticeRenderer | null = null;

/** The process-wide renderer: fonts parsed once, on first use. */
export function noticeRenderer(): NoticeRenderer {
  shared ??= createNoticeRenderer();
  return shared;
}

export function renderNotice(data: NoticeData, layout: NoticeLayout): Promise<RenderedPdf> {
  return noticeRenderer().render(buildNotice(data, layout));
}

export function renderDeliveryReceipt(data: DeliveryReceiptData, layout: NoticeLayout): Promise<RenderedPdf> {
  return noticeRenderer().render(buildDeliveryReceipt(data, layout));
}

export function renderPaymentSlip(data: PaymentSlipData, layout: NoticeLayout): Promise<RenderedPdf> {
  return noticeRenderer().render(buildPaymentSlip(data, layout));
}

/** The type checker's proof that core's definitions are pdfmake definitions. */
export function asPdfmakeDefinition(def: DocDefinition): TDocumentDefinitions {
  return def;
}

// ---------------------------------------------------------------------------------------------

function pdfOptions(def: DocDefinition, size: PageSize): object {
  // pdfmake's createMetadata: standard keys capitalised (Title, CreationDate, …). With a fixed
  // CreationDate pdfkit's file ID (an MD5 of the info) is fixed too, so the bytes are reproducible.
  const info: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(def.info)) if (value) info[key.charAt(0).toUpperCase() + key.slice(1)] = value;
  return {
    size: [size.width, size.height],
    pdfVersion: '1.3',
    compress: true,
    lang: def.language,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    displayTitle: true,
    tagged: false,
    info,
    font: null,
  };
}

/** The height of a page laid out with height 'auto' (pdfmake's calculatePageHeight). */
function pageHeight(page: LaidOutPage, margins: DocDefinition['pageMargins']): number {
  const [, top, , bottom] = margins;
  let height = top;
  for (const { type, item } of page.items) {
    let h = 0;
    if (typeof item.getHeight === 'function') h = item.getHeight();
    else if (item._height) h = item._height;
    else if (type === 'vector') h = item.y1 !== undefined ? Math.max(item.y1, item.y2 ?? 0) : (item.h ?? 0);
    height = Math.max(height, (item.y ?? 0) + h);
  }
  return height + bottom;
}
