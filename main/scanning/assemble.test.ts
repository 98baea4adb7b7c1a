import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { assembleMaterialPdf } from './assemble.js';

const page = (w: number, h: number, grey: number): Promise<Buffer> =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: grey, g: grey, b: grey } } }).jpeg().toBuffer();

describe('material PDF assembly', () => {
  it('makes one page per scan, in order, sized from the scan resolution (A4 at 300 dpi → 595×842 pt)', async () => {
    const pdf = await assembleMaterialPdf([{ jpeg: await page(2480, 3508, 250), dpi: 300 }, { jpeg: await page(1240, 1754, 120), dpi: 150 }], '居民身份证');
    const file = join(tempDir(), 'm.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '2', file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page\s+1 size:\s+595\.2 x 841\.92 pts/);
    expect(info).toMatch(/Page\s+2 size:\s+595\.2 x 841\.92 pts/);
    expect(info).toContain('居民身份证');
    // Order kept: page 1 is the light scan, page 2 the dark one.
    const stats = async (n: number): Promise<number> => {
      const png = execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-r', '10', '-gray', '-png', file]);
      return (await sharp(png).stats()).channels[0]!.mean;
    };
    expect(await stats(1)).toBeGreaterThan(200);
    expect(await stats(2)).toBeLessThan(160);
  });

  it('gives the same bytes for the same pages, and refuses an empty material', async () => {
    const pages = [{ jpeg: await page(100, 140, 200), dpi: 300 }];
    expect(Buffer.from(await assembleMaterialPdf(pages, 'x')).equals(Buffer.from(await assembleMaterialPdf(pages, 'x')))).toBe(true);
    await expect(assembleMaterialPdf([], 'x')).rejects.toThrow(RangeError);
  });
});

describe('assembling from pooled buffers', () => {
  it('embeds a JPEG held in a Buffer cut from a shared pool (non-zero byteOffset)', async () => {
    const jpeg = await sharp({ create: { width: 100, height: 140, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
    const pool = Buffer.alloc(jpeg.length + 64);
    jpeg.copy(pool, 32);
    const cut = pool.subarray(32, 32 + jpeg.length);
    expect(cut.byteOffset).toBe(32);
    const pdf = await PDFDocument.load(await assembleMaterialPdf([{ jpeg: cut, dpi: 300 }], 't'));
    expect(pdf.getPageCount()).toBe(1);
  });
});
