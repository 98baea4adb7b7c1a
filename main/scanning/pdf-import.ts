import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PageError } from '../../core/scanning/errors.js';
import { runTool, ToolFailure } from '../process/run-tool.js';

/**
 * A PDF handed in on a USB stick or saved by scanner software becomes page images, so it can be
 * checked, rotated and assigned like a scanned page.
 * - The page count is read with pdf-lib first, from the file's structure, before anything is drawn:
 *   a file over `MAX_PDF_PAGES` (100, more than any one material should be) is refused at once with
 *   `pdf_too_many_pages`, so a 500-page file costs milliseconds, not minutes, and attaches nothing.
 * - Pages are drawn by poppler's `pdftoppm` (Debian/UOS/Kylin: poppler-utils) at `PDF_RASTER_DPI`
 *   (200: text stays sharp, an A4 page is 1654×2339) into JPEG at quality 92 (the page work then
 *   encodes it at the app's quality once more). Without pdftoppm the import says `pdf_unsupported`
 *   and names the package; Windows installations need poppler's pdftoppm.exe on PATH for PDF import.
 */
export const MAX_PDF_PAGES = 100;
export const PDF_RASTER_DPI = 200;

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount();
  } catch (err) {
    const encrypted = /encrypt/i.test((err as Error).message);
    throw new PageError('pdf_unreadable', encrypted ? 'The PDF is password-protected; save an unprotected copy.' : `The PDF cannot be read: ${(err as Error).message}`);
  }
}

export interface PdfRasterOptions {
  command?: string;
  timeoutMs?: number;
  maxPages?: number;
}

/** The PDF's pages as JPEG images, in order; refuses before drawing when there are too many. */
export async function rasterizePdf(bytes: Uint8Array, opts: PdfRasterOptions = {}): Promise<Buffer[]> {
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const count = await pdfPageCount(bytes);
  if (count === 0) throw new PageError('pdf_unreadable', 'The PDF has no pages.');
  if (count > maxPages) throw new PageError('pdf_too_many_pages', `The PDF has ${count} pages; one import takes at most ${maxPages}. Split it, one material per file.`);
  const dir = mkdtempSync(join(tmpdir(), 'ow-pdf-'));
  try {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, bytes);
    const args = ['-r', String(PDF_RASTER_DPI), '-jpeg', '-jpegopt', 'quality=92', '-q', input, join(dir, 'p')];
    let result;
    try {
      result = await runTool(opts.command ?? 'pdftoppm', args, { env: { ...process.env, LANG: 'C' }, timeoutMs: opts.timeoutMs ?? 120_000 });
    } catch (err) {
      if (err instanceof ToolFailure && err.kind === 'spawn') throw new PageError('pdf_unsupported', 'PDF import needs pdftoppm (apt-get install poppler-utils).');
      throw new PageError('pdf_unreadable', 'Drawing the PDF pages took too long.');
    }
    if (result.code !== 0) throw new PageError('pdf_unreadable', `The PDF cannot be drawn: ${result.stderr.trim().split('\n')[0] ?? ''}`);
    // pdftoppm numbers pages with as many digits as the count needs (p-01 … p-12), so names sort.
    const files = readdirSync(dir).filter((f) => /^p-\d+\.jpg$/.test(f)).sort();
    if (files.length !== count) throw new PageError('pdf_unreadable', `Only ${files.length} of the PDF's ${count} pages could be drawn.`);
    return files.map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
