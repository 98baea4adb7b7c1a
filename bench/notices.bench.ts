import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NOTICE_LAYOUTS, type NoticeLayout } from '../core/notices/types.js';
import { BENCH_KINDS, type BenchChildResult, type BenchKind } from './notices-first-render.js';
import { summarize } from './stats.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * notices.<kind>.<layout>: the four counter notices and the 领取回执 (`delivery`), on A4 and the 80 mm roll.
 *
 * Each entry spawns a fresh `node --import tsx bench/notices-first-render.ts <kind> <layout> 200`:
 * `first` (extra) is the first document in that process, from the renderer module's import to PDF
 * bytes, `firstRender` the same without the import; median and p99 are over the 200 renders after
 * it in the same process. The sample notice has 10 materials, the applicant 王𠮷䶮, and a real
 * signed QR payload (~190 characters). The timed part of every render includes buildNotice (its own
 * cost is `buildMedian`).
 *
 * The headline entry, notices.accepted.a4 (the targets: first ≤ 600 ms, median ≤ 40 ms,
 * PDF ≤ 80 KB), also runs the baseline in the same way and the same run: plain pdfmake (its Node
 * API with the font file's path in `setFonts`, so the font is read and parsed for every document,
 * no shaping cache, fontkit's own CFF subset) rendering the same definitions. `baseline` is its
 * median, `ratio` ours / baseline.
 *
 * Under tsx the import includes compiling TypeScript (cached on disk by tsx after the first spawn,
 * which is why one untimed spawn runs first); the shipped app loads a bundle instead.
 */

const WARM = 200;
const LAYOUTS: readonly NoticeLayout[] = NOTICE_LAYOUTS;
const HEADLINE = { kind: 'accepted', layout: 'a4' } as const;
const TARGET = { firstMs: 600, medianMs: 40, pdfBytes: 80 * 1024 };

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

async function child(kind: BenchKind, layout: NoticeLayout, warm: number, baseline = false): Promise<BenchChildResult> {
  const args = ['--import', 'tsx', 'bench/notices-first-render.ts', kind, layout, String(warm), ...(baseline ? ['--baseline'] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 16 * 2 ** 20, timeout: 300_000 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as BenchChildResult;
}

/** One untimed spawn per bench run: tsx's compile cache and the font file's pages are warm for the timed ones. */
let primed: Promise<unknown> | null = null;
const prime = (): Promise<unknown> => (primed ??= child(HEADLINE.kind, HEADLINE.layout, 0));

const ms = (v: number): number => Number(v.toFixed(1));
const median = (samples: readonly number[]): number => (samples.length > 0 ? summarize(samples).median : Number.NaN);

function firstFigures(r: BenchChildResult, prefix = ''): Record<string, number> {
  return {
    [`${prefix}first`]: ms(r.first),
    [`${prefix}firstRender`]: ms(r.firstRender),
    [`${prefix}import`]: ms(r.import),
    [`${prefix}boot`]: ms(r.boot),
  };
}

async function measure(kind: BenchKind, layout: NoticeLayout): Promise<BenchResult> {
  await prime();
  const load1 = Number(loadavg()[0]?.toFixed(2));
  const ours = await child(kind, layout, WARM);
  if (ours.missing.length > 0) throw new Error(`notices.${kind}.${layout}: characters without a glyph: ${ours.missing.join(' ')}`);
  const s = summarize(ours.warm);
  const result: BenchResult = {
    name: `notices.${kind}.${layout}`,
    unit: 'ms',
    median: ms(s.median),
    p99: ms(s.p99),
    n: s.n,
    extra: {
      ...firstFigures(ours),
      min: ms(Math.min(...ours.warm)),
      buildMedian: Number(median(ours.build).toFixed(3)),
      pdfBytes: ours.pdfBytes,
      ...(ours.pdfBytesMin !== ours.pdfBytesMax ? { pdfBytesMin: ours.pdfBytesMin, pdfBytesMax: ours.pdfBytesMax } : {}),
      pages: ours.pages,
      qrChars: ours.qrChars,
      rssMb: ours.rssMb,
      load1,
    },
  };
  if (kind !== HEADLINE.kind || layout !== HEADLINE.layout) return result;

  const base = await child(kind, layout, WARM, true);
  const b = summarize(base.warm);
  const met = {
    first: ours.first <= TARGET.firstMs,
    median: s.median <= TARGET.medianMs,
    size: ours.pdfBytes <= TARGET.pdfBytes,
  };
  return {
    ...result,
    baseline: ms(b.median),
    ratio: Number((s.median / b.median).toFixed(3)),
    target: `first ≤ ${TARGET.firstMs} ms, median ≤ ${TARGET.medianMs} ms, PDF ≤ 80 KB`,
    extra: {
      ...result.extra,
      met: Object.entries(met).map(([k, ok]) => `${k}:${ok ? 'yes' : 'NO'}`).join(','),
      baselineP99: ms(b.p99),
      baselineMin: ms(Math.min(...base.warm)),
      ...firstFigures(base, 'baseline_'),
      baselinePdfBytes: base.pdfBytes,
      baselinePages: base.pages,
      sizeRatio: Number((ours.pdfBytes / base.pdfBytes).toFixed(3)),
      baselineRssMb: base.rssMb,
    },
  };
}

const kinds: BenchKind[] = [HEADLINE.kind, ...BENCH_KINDS.filter((k) => k !== HEADLINE.kind)];

export const noticeBenchmarks: Benchmark[] = kinds.flatMap((kind) =>
  LAYOUTS.map(
    (layout): Benchmark => ({
      name: `notices.${kind}.${layout}`,
      description:
        `${kind} notice, ${layout}: first document in a fresh process, then ${WARM} renders` +
        (kind === HEADLINE.kind && layout === HEADLINE.layout ? ', and the same with plain pdfmake (baseline)' : ''),
      run: async () => [await measure(kind, layout)],
    }),
  ),
);
