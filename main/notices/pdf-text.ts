import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading rendered notices back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm), for the
 * notice tests. PDFs go to a temporary folder, removed by `cleanup()` unless ONEWINDOW_KEEP_PDFS=1
 * (then its path is printed, for a person to look at the pages).
 */
export class PdfFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'onewindow-notices-'));

  write(name: string, pdf: Buffer): string {
    const file = join(this.dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    return file;
  }

  cleanup(): void {
    if (process.env.ONEWINDOW_KEEP_PDFS === '1') console.log(`notice PDFs kept in ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

export const pdftotext = (file: string, ...args: string[]): string => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
/** The text with all white space removed: what wrapped over lines reads as one again. */
export const flatText = (file: string, ...args: string[]): string => pdftotext(file, ...args).replace(/\s+/g, '');
export const pageCount = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
export const pdfFonts = (file: string): string => execFileSync('pdffonts', [file], { encoding: 'utf8' });

export interface Word {
  text: string;
  page: number;
  /** Points from the page's top-left corner. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (pdftotext -bbox), pages numbered from 1. */
export function words(file: string): Word[] {
  const html = pdftotext(file, '-bbox');
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? '' });
  }
  return out;
}

export interface GrayPage {
  width: number;
  height: number;
  /** Pixels per point. */
  scale: number;
  /** The darkest pixel (0 black … 255 white) inside a box given in points. */
  darkestIn(x0: number, y0: number, x1: number, y1: number): number;
}

/** One page drawn in grey by pdftoppm at `dpi`. */
export function grayPage(file: string, page: number, dpi = 96): GrayPage {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM');
  const [all, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const pixels = pgm.subarray(Buffer.byteLength(all ?? '', 'latin1'));
  const scale = dpi / 72;
  return {
    width,
    height,
    scale,
    darkestIn(x0, y0, x1, y1) {
      let darkest = 255;
      const [px0, py0] = [Math.max(0, Math.ceil(x0 * scale)), Math.max(0, Math.ceil(y0 * scale))];
      const [px1, py1] = [Math.min(width - 1, Math.floor(x1 * scale)), Math.min(height - 1, Math.floor(y1 * scale))];
      for (let y = py0; y <= py1; y += 1) for (let x = px0; x <= px1; x += 1) darkest = Math.min(darkest, pixels[y * width + x] ?? 255);
      return darkest;
    },
  };
}
