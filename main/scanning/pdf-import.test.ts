import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isPageError } from '../../core/scanning/errors.js';
import { isPdf, MAX_PDF_PAGES, rasterizePdf } from './pdf-import.js';

async function pdfWithPages(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i += 1) doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 24 });
  return doc.save();
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isPageError(err)) return err.reason;
    throw err;
  }
  return 'resolved';
}

describe('PDF import (pdf-lib counts, poppler draws)', () => {
  it('draws every page of a 3-page PDF, in order, at 200 dpi', async () => {
    const pages = await rasterizePdf(await pdfWithPages(3));
    expect(pages).toHaveLength(3);
    const meta = await sharp(pages[0]).metadata();
    expect(meta.format).toBe('jpeg');
    // A4 is 8.27 in wide: 1654 px at 200 dpi.
    expect(meta.width).toBeGreaterThanOrEqual(1650);
    expect(meta.width).toBeLessThanOrEqual(1660);
  });

  it('refuses a 500-page PDF from its page count, before drawing anything', async () => {
    const big = await pdfWithPages(500);
    expect(MAX_PDF_PAGES).toBeLessThan(500);
    // With no pdftoppm at all the answer is still "too many pages": the refusal came before any drawing.
    expect(await reasonOf(rasterizePdf(big, { command: '/nonexistent/pdftoppm' }))).toBe('pdf_too_many_pages');
  });

  it('refuses a damaged PDF and a PDF without pdftoppm with their own reasons', async () => {
    const good = await pdfWithPages(1);
    expect(isPdf(good)).toBe(true);
    expect(await reasonOf(rasterizePdf(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('garbage'.repeat(50))])))).toBe('pdf_unreadable');
    expect(await reasonOf(rasterizePdf(good, { command: '/nonexistent/pdftoppm' }))).toBe('pdf_unsupported');
  });
});
