import sharp from 'sharp';
import { JPEG_QUALITY, preparePage } from '../main/scanning/pages.js';
import { summarize } from './stats.js';
import type { Benchmark } from './types.js';

const W = 2480;
const H = 3508; // A4 at 300 dpi
const RUNS = 15;
const BATCH = 50;

/** A scanned-looking A4 page as a PNG (what scanimage writes): paper noise plus lines of "text". */
async function scannedPage(seed: number): Promise<Buffer> {
  const lines = Array.from({ length: 40 }, (_, i) => `<rect x="220" y="${300 + i * 75}" width="${1400 + ((i * 37 + seed * 11) % 600)}" height="22" fill="#222"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f6f4ef"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Issue 5's page figure: an A4 300 dpi colour page from the scanner's PNG to stored JPEG + thumbnail
 * (with blank detection) on one core, against sharp's bare resize+encode of the same input; then peak RSS
 * over a 50-page batch processed one page at a time, and stored bytes per page at the default quality.
 */
export const scanPage: Benchmark = {
  name: 'scan.page-a4-300dpi',
  description: `A4 300 dpi colour page → JPEG q${JPEG_QUALITY} + thumbnail, ${RUNS} runs on one core, vs bare sharp; then a ${BATCH}-page batch`,
  async run() {
    sharp.concurrency(1);
    const page = await scannedPage(1);
    await preparePage(page); // warm-up
    const ours: number[] = [];
    const bare: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      ours.push(await timeMs(async () => (bytes = (await preparePage(page)).jpeg.length)));
      bare.push(
        await timeMs(() =>
          Promise.all([sharp(page).jpeg({ quality: JPEG_QUALITY }).toBuffer(), sharp(page).resize({ width: 240 }).jpeg().toBuffer()]),
        ),
      );
    }
    const s = summarize(ours);
    const b = summarize(bare);
    let peak = process.memoryUsage().rss;
    const startRss = peak;
    for (let i = 0; i < BATCH; i += 1) {
      await preparePage(await scannedPage(i));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return [
      {
        name: this.name,
        unit: 'ms',
        ...s,
        baseline: b.median,
        ratio: s.median / b.median,
        target: 'median ≤ 250 ms on one core',
        extra: { storedBytesPerPage: bytes, bareP99: Number(b.p99.toFixed(1)), batchPages: BATCH, batchPeakRssMB: Math.round(peak / 2 ** 20), rssBeforeBatchMB: Math.round(startRss / 2 ** 20) },
      },
    ];
  },
};
