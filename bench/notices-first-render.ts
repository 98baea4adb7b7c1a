import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Pdfmake from 'pdfmake';
import { NOTICE_FONT } from '../core/notices/pdf.js';
import { applicantHash, keysFromSeed, signQr } from '../core/notices/qr.js';
import { SAMPLE_CASE_NO, sampleDeliveryReceipt, sampleNotice } from '../core/notices/sample.js';
import { DOCUMENT_KINDS, NOTICE_LAYOUTS, type DeliveryReceiptData, type DocumentKind, type NoticeData, type NoticeKind, type NoticeLayout } from '../core/notices/types.js';

/**
 * One notice kind and layout rendered in a fresh process, for bench/notices.bench.ts (which spawns it).
 *
 *   node --import tsx bench/notices-first-render.ts <kind> <layout> [warm renders, default 200] [--baseline]
 *
 * Times the first document from just before the renderer module is imported to the PDF bytes in
 * hand (`first`), and the same without the import (`firstRender`); then renders the same notice
 * `warm` more times in this process, each timed. With --baseline the renderer is plain pdfmake
 * (its Node API, `setFonts` with the font file's path: every document reads and parses the font
 * again, no shaping cache, fontkit's own CFF subset). Prints one JSON line (BenchChildResult).
 *
 * Only the sample data's modules (core/notices/sample.ts, qr.ts and what they import) are loaded
 * before the clock starts; core/notices/build.ts is imported inside the timed part in both modes.
 */

/** The notices and the 领取回执 (the payment slip, a fee entry's, is not measured here). */
export type BenchKind = Exclude<DocumentKind, 'payment'>;
export const BENCH_KINDS: readonly BenchKind[] = DOCUMENT_KINDS.filter((k): k is BenchKind => k !== 'payment');

export interface BenchChildResult {
  kind: BenchKind;
  layout: NoticeLayout;
  renderer: 'ours' | 'pdfmake';
  /** ms from process start (performance.timeOrigin) to just before the renderer's import (node, tsx, the sample data). */
  boot: number;
  /** ms: import of the renderer module (and build.ts) … PDF bytes of the first document. */
  first: number;
  /** ms: the import alone. */
  import: number;
  /** ms: the first document without the import (font parsing included). */
  firstRender: number;
  /** ms of each warm render, in order. */
  warm: number[];
  /** ms of each buildNotice alone (ours only; the definition is rebuilt for every render in both modes). */
  build: number[];
  pdfBytes: number;
  /** Smallest and largest PDF over all renders (equal when the output is reproducible). */
  pdfBytesMin: number;
  pdfBytesMax: number;
  pages: number;
  missing: string[];
  qrChars: number;
  /** MB resident after the warm renders. */
  rssMb: number;
}

/** A fixed signing key: the QR payload is a real signed one (~190 characters), the same in every run. */
const SEED = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
const keys = keysFromSeed(SEED);
const FONT_FILE = join(fileURLToPath(new URL('..', import.meta.url)), 'resources', 'fonts', 'NotoSansCJKsc-Regular.otf');

function signedQr(outcome: string, date: string, idNumber: string): string {
  return signQr({ caseNo: SAMPLE_CASE_NO, outcome, date, applicantHash: applicantHash(SAMPLE_CASE_NO, idNumber) }, keys.privateKey);
}

/** The sample notice (10 materials, applicant 王𠮷䶮) with a real signed QR payload. */
export function benchNotice(kind: NoticeKind): NoticeData {
  const data = sampleNotice(kind, { materials: 10 });
  return { ...data, qrPayload: signedQr(kind, '2026-03-05', data.applicant.idNumber) };
}

export function benchDelivery(): DeliveryReceiptData {
  const data = sampleDeliveryReceipt();
  return { ...data, qrPayload: signedQr('delivered', '2026-03-19', data.collector.idNumber) };
}

const pageCount = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page[^s]/g)?.length ?? 0;

interface Renderer {
  render(): Promise<{ pdf: Buffer; missing: string[] }>;
  build(): unknown;
}

/** Imports the renderer (timed by the caller) and returns how to render this kind and layout with it. */
async function loadRenderer(data: NoticeData | DeliveryReceiptData, layout: NoticeLayout, baseline: boolean): Promise<Renderer> {
  const { buildDeliveryReceipt, buildNotice } = await import('../core/notices/build.js');
  const build = () => ('kind' in data ? buildNotice(data, layout) : buildDeliveryReceipt(data, layout));
  if (baseline) {
    const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof Pdfmake;
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path === FONT_FILE);
    // The definitions' one family, every style pointing at the plain font file.
    pdfmake.setFonts({ [NOTICE_FONT]: { normal: FONT_FILE, bold: FONT_FILE, italics: FONT_FILE, bolditalics: FONT_FILE } });
    return { build, render: async () => ({ pdf: await pdfmake.createPdf(build()).getBuffer(), missing: [] }) };
  }
  const { noticeRenderer } = await import('../main/notices/render.js');
  return { build, render: () => noticeRenderer().render(build()) };
}

export async function runChild(kind: BenchKind, layout: NoticeLayout, warmCount: number, baseline: boolean): Promise<BenchChildResult> {
  const data = kind === 'delivery' ? benchDelivery() : benchNotice(kind);
  const boot = performance.now();
  const t0 = performance.now();
  const renderer = await loadRenderer(data, layout, baseline);
  const t1 = performance.now();
  const firstDoc = await renderer.render();
  const t2 = performance.now();

  const sizes = [firstDoc.pdf.byteLength];
  const warm: number[] = [];
  let last = firstDoc;
  for (let i = 0; i < warmCount; i += 1) {
    const a = performance.now();
    last = await renderer.render();
    warm.push(performance.now() - a);
    sizes.push(last.pdf.byteLength);
  }
  const build: number[] = [];
  if (!baseline) {
    for (let i = 0; i < warmCount; i += 1) {
      const a = performance.now();
      renderer.build();
      build.push(performance.now() - a);
    }
  }
  if (!last.pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error(`${kind}/${layout}: not a PDF`);
  return {
    kind,
    layout,
    renderer: baseline ? 'pdfmake' : 'ours',
    boot,
    first: t2 - t0,
    import: t1 - t0,
    firstRender: t2 - t1,
    warm,
    build,
    pdfBytes: firstDoc.pdf.byteLength,
    pdfBytesMin: Math.min(...sizes),
    pdfBytesMax: Math.max(...sizes),
    pages: pageCount(firstDoc.pdf),
    missing: firstDoc.missing,
    qrChars: data.qrPayload.length,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { baseline: { type: 'boolean', default: false } } });
  const [kind, layout, count = '200'] = positionals;
  if (!BENCH_KINDS.includes(kind as BenchKind) || !NOTICE_LAYOUTS.includes(layout as NoticeLayout) || !/^\d+$/.test(count)) {
    console.error(`usage: node --import tsx bench/notices-first-render.ts <${BENCH_KINDS.join('|')}> <${NOTICE_LAYOUTS.join('|')}> [warm renders] [--baseline]`);
    process.exit(2);
  }
  const result = await runChild(kind as BenchKind, layout as NoticeLayout, Number(count), values.baseline);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
