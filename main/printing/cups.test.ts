import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CASE_NO, sampleNotice } from '../../core/notices/sample.js';
import { renderNotice } from '../notices/render.js';
import { waitForCupsPdfOutput } from './cups-pdf.js';
import { CupsPrinter, firstPageHeight, parsePrinters } from './cups.js';
import { createPrinter } from './index.js';
import { PrintError, type PrintErrorReason } from './printer.js';

/**
 * The CUPS printer against the real thing: cupsd and the cups-pdf queue `PDF`, which
 * scripts/start-cups.sh starts (idempotently) before these tests. What cups-pdf writes is read back
 * with poppler (pdftotext, pdfinfo, pdftoppm).
 *
 * The tests that stop, reject or hold a queue do it to a queue of their own (`OneWindowTest_<pid>`,
 * added here and removed after), never to `PDF`: other test files print to `PDF` at the same time.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'onewindow-printing-'));
const printed: string[] = []; // cups-pdf's files of our jobs, removed afterwards
const C = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const sh = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', env: C, timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });

let outputDir = '';
const scratchQueue = `OneWindowTest_${process.pid}`;
/**
 * How long a real print may take to come out of cups-pdf: a bound, not an expectation. Ghostscript
 * takes seconds for a notice here, and much longer on a loaded machine; a print that works ends the
 * wait at once.
 */
const PRINT_BOUND_MS = 60_000;
const PRINT_TEST_MS = 2 * PRINT_BOUND_MS + 30_000;

beforeAll(() => {
  const out = execFileSync('bash', [join(ROOT, 'scripts/start-cups.sh')], { encoding: 'utf8', timeout: 60_000 });
  const m = /^cups-pdf output: (.+)$/m.exec(out);
  if (!m?.[1]) throw new Error(`scripts/start-cups.sh did not say where cups-pdf writes:\n${out}`);
  outputDir = m[1];
  // Scratch queues of runs that died before their afterAll.
  for (const name of sh('lpstat', '-e').split('\n')) {
    const pid = /^OneWindowTest_(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) sh('lpadmin', '-x', name);
  }
  // Same driver as PDF; jobs on it are refused, held or cancelled, never printed.
  sh('lpadmin', '-p', scratchQueue, '-v', 'cups-pdf:/', '-P', '/etc/cups/ppd/PDF.ppd', '-D', 'OneWindow scratch queue', '-o', 'printer-is-shared=false', '-E');
});

afterAll(() => {
  try {
    sh('cancel', '-a', scratchQueue);
  } catch {
    // no jobs left
  }
  sh('lpadmin', '-x', scratchQueue);
  for (const f of printed) rmSync(f, { force: true });
  rmSync(work, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The PrintError a promise rejects with (fails the test if it resolves or throws something else). */
async function printError(p: Promise<unknown>): Promise<PrintError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PrintError);
    return err as PrintError;
  }
  throw new Error('expected a PrintError, but the call succeeded');
}

function expectReason(err: PrintError, reason: PrintErrorReason): void {
  expect({ reason: err.reason, message: err.message }).toMatchObject({ reason });
}

const queued = (queue: string): string => sh('lpstat', '-W', 'not-completed', `-o${queue}`);

describe('listing printers through lpstat', () => {
  it('lists the cups-pdf queue PDF as idle and accepting, with its description', async () => {
    const printers = await new CupsPrinter().list();
    const pdf = printers.find((p) => p.name === 'PDF');
    expect(pdf).toMatchObject({ name: 'PDF', description: 'OneWindow test printer (cups-pdf)', acceptingJobs: true });
    expect(['idle', 'printing']).toContain(pdf?.state);
    expect(printers.filter((p) => p.isDefault).length).toBeLessThanOrEqual(1);
  });

  it('reads the state lines of lpstat -l -p, with a stop reason in Chinese kept verbatim', () => {
    const text = [
      'printer A is idle.  enabled since Thu Nov 26 16:56:25 2026',
      '\tForm mounted:',
      '\tDescription: 一号窗口 A4',
      '\tAlerts: none',
      'printer B disabled since Thu Nov 26 16:57:18 2026 -',
      '\t纸盒2卡纸 Paper jam',
      '\tForm mounted:',
      '\tDescription: Receipts',
      '\tUsers allowed:',
      '\t\t(all)',
      'printer C now printing C-7.  enabled since Thu Nov 26 16:57:18 2026',
      '\tWarming up',
      'printer D is holding new jobs.  enabled since Thu Nov 26 16:57:18 2026',
    ].join('\n');
    const p = parsePrinters(text);
    expect(Object.fromEntries(p)).toEqual({
      A: { state: 'idle', description: '一号窗口 A4' },
      B: { state: 'stopped', message: '纸盒2卡纸 Paper jam', description: 'Receipts' },
      C: { state: 'printing', message: 'Warming up' },
      D: { state: 'stopped', message: 'holding new jobs' },
    });
  });
});

describe('printing a notice through lp to the cups-pdf queue', () => {
  it('prints an A4 受理通知书 for 王𠮷: the PDF lands in the cups-pdf folder, the case number and item read back, and the page shows 𠮷 (not 吉)', async () => {
    const notice = sampleNotice('accepted', { applicantName: '王𠮷' });
    const { pdf, pages } = await renderNotice(notice, 'a4');
    const started = Date.now();
    const { jobId } = await new CupsPrinter({ completionTimeoutMs: PRINT_BOUND_MS }).print({ pdf, printer: 'PDF', title: notice.documentNo, media: 'A4' });
    expect(jobId).toMatch(/^PDF-\d+$/);
    const file = await waitForCupsPdfOutput(outputDir, jobId, PRINT_BOUND_MS);
    printed.push(file);
    console.info(`printing: ${notice.documentNo} (${pages} pages) submitted → cups-pdf file present in ${Date.now() - started} ms`);

    const info = sh('pdfinfo', file);
    expect(info).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
    expect(info).toMatch(/Page size:\s+595 x 842 pts \(A4\)/);
    // cups-pdf goes PDF → PostScript → PDF (Ghostscript); with the cairo renderer (start-cups.sh)
    // the text layer survives for most glyphs, but not for 𠮷 (outside the BMP): see below.
    const text = sh('pdftotext', file, '-');
    expect(text).toContain(SAMPLE_CASE_NO);
    expect(text).toContain('食品经营许可（新办）');
    expect(text).toContain('王');

    // The rare character, by its pixels: where the page for 王𠮷 differs from the same page for 王吉
    // (one stroke of one character, twice on page 1), the printed page must look like 𠮷.
    const control = join(work, 'control.pdf');
    const expected = join(work, 'expected.pdf');
    writeFileSync(control, (await renderNotice(sampleNotice('accepted', { applicantName: '王吉' }), 'a4')).pdf);
    writeFileSync(expected, pdf);
    const [e, c, out] = [raster(expected), raster(control), raster(file)];
    const regions = compareWhereTheyDiffer(out, e, c);
    expect(regions.length).toBeGreaterThanOrEqual(2);
    for (const r of regions) expect(r.fromExpected * 4, JSON.stringify(r)).toBeLessThan(r.fromControl);
    // …and the comparison does tell them apart: the 王吉 page is not taken for 王𠮷.
    for (const r of compareWhereTheyDiffer(c, e, c)) expect(r.fromControl * 4).toBeLessThan(r.fromExpected);
  }, PRINT_TEST_MS);

  it('prints the 80 mm receipt on roll paper as long as the receipt itself', async () => {
    const { pdf } = await renderNotice(sampleNotice('accepted', { applicantName: '王𠮷' }), 'receipt');
    const height = firstPageHeight(pdf);
    expect(height).toBeGreaterThan(500);
    const { jobId } = await new CupsPrinter({ completionTimeoutMs: PRINT_BOUND_MS }).print({ pdf, printer: 'PDF', title: 'receipt', media: 'roll80' });
    const file = await waitForCupsPdfOutput(outputDir, jobId, PRINT_BOUND_MS);
    printed.push(file);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(sh('pdfinfo', file));
    expect(Math.abs(Number(size?.[1]) - 226.77)).toBeLessThan(1.5); // 80 mm
    expect(Math.abs(Number(size?.[2]) - height!)).toBeLessThan(3); // the receipt's length, not A4's
  }, PRINT_TEST_MS);
});

describe('what the clerk is told when printing fails', () => {
  const somePdf = async (): Promise<Buffer> => (await renderNotice(sampleNotice('accepted'), 'receipt')).pdf;

  it('an unknown printer name gives printer_unknown, with CUPS’s own words', async () => {
    const err = await printError(new CupsPrinter().print({ pdf: await somePdf(), printer: 'NoSuchPrinter', title: 't' }));
    expectReason(err, 'printer_unknown');
    expect(err.printer).toBe('NoSuchPrinter');
    expect(err.printerMessage).toMatch(/Invalid destination name in list "NoSuchPrinter"/);
  });

  it('a name CUPS never gives (space, slash, quote, leading dash, shell syntax) gives printer_unknown before anything runs', async () => {
    const pdf = await somePdf();
    const cups = new CupsPrinter({ commands: { lp: '/nonexistent/lp', lpstat: '/nonexistent/lpstat' } }); // would be cups_unavailable if called
    for (const name of ['PDF; rm -rf /', 'a/b/c', '-h', 'PDF"', '', 'Two words', 'x'.repeat(128)]) {
      expectReason(await printError(cups.print({ pdf, printer: name, title: 't' })), 'printer_unknown');
    }
  });

  it('refuses what is not a print job: copies outside 1–99, or bytes that are not a PDF (print_failed)', async () => {
    const cups = new CupsPrinter();
    expectReason(await printError(cups.print({ pdf: await somePdf(), printer: 'PDF', title: 't', copies: 0 })), 'print_failed');
    expectReason(await printError(cups.print({ pdf: Buffer.from('hello, printer'), printer: 'PDF', title: 't' })), 'print_failed');
  });

  it('a stopped queue (cupsdisable, on the scratch queue) gives printer_stopped with the reason it was stopped for; no job is made; list shows it stopped', async () => {
    sh('cupsdisable', '-r', '纸盒2卡纸 Paper jam in tray 2', scratchQueue);
    try {
      const cups = new CupsPrinter();
      const err = await printError(cups.print({ pdf: await somePdf(), printer: scratchQueue, title: 't' }));
      expectReason(err, 'printer_stopped');
      expect(err.printerMessage).toBe('纸盒2卡纸 Paper jam in tray 2');
      expect(err.jobId).toBeNull();
      expect(queued(scratchQueue)).toBe('');
      expect((await cups.list()).find((p) => p.name === scratchQueue)).toMatchObject({ state: 'stopped', stateMessage: '纸盒2卡纸 Paper jam in tray 2', acceptingJobs: true });
    } finally {
      sh('cupsenable', scratchQueue);
    }
  });

  it('a queue that refuses jobs (cupsreject) gives printer_stopped with the reason', async () => {
    sh('cupsreject', '-r', 'closed for the night', scratchQueue);
    try {
      const err = await printError(new CupsPrinter().print({ pdf: await somePdf(), printer: scratchQueue, title: 't' }));
      expectReason(err, 'printer_stopped');
      expect(err.printerMessage).toBe('closed for the night');
    } finally {
      sh('cupsaccept', scratchQueue);
    }
  });

  it('a job that never leaves the queue (held) times out after the limit, is cancelled, and the error says so', async () => {
    sh('lpadmin', '-p', scratchQueue, '-o', 'job-hold-until-default=indefinite');
    try {
      const started = Date.now();
      const err = await printError(new CupsPrinter({ completionTimeoutMs: 1500 }).print({ pdf: await somePdf(), printer: scratchQueue, title: 't' }));
      expectReason(err, 'timeout');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(err.jobId).toMatch(new RegExp(`^${scratchQueue}-\\d+$`));
      expect(err.jobCancelled).toBe(true);
      expect(err.message).toMatch(/still in the queue of .* after 2 s.*\(cancelled\)/);
      expect(queued(scratchQueue)).toBe('');
    } finally {
      sh('lpadmin', '-p', scratchQueue, '-o', 'job-hold-until-default=no-hold');
    }
  });

  it('a printer that stops while the job waits gives printer_stopped at once (not a timeout), and the job is cancelled', async () => {
    sh('lpadmin', '-p', scratchQueue, '-o', 'job-hold-until-default=indefinite');
    try {
      const job = new CupsPrinter({ completionTimeoutMs: 15_000 }).print({ pdf: await somePdf(), printer: scratchQueue, title: 't' });
      // The printer stops once the job waits in its queue (held there), not before it got there.
      await expect.poll(() => queued(scratchQueue), { timeout: 10_000 }).not.toBe('');
      sh('cupsdisable', '-r', 'Out of paper', scratchQueue);
      const stopped = Date.now();
      const err = await printError(job);
      expectReason(err, 'printer_stopped');
      expect(err.printerMessage).toBe('Out of paper');
      expect(err.jobCancelled).toBe(true);
      // Before the 15 s completion limit, which would have been a timeout: the stop was seen as it came.
      expect(Date.now() - stopped).toBeLessThan(15_000);
      expect(queued(scratchQueue)).toBe('');
    } finally {
      sh('cupsenable', scratchQueue);
      sh('lpadmin', '-p', scratchQueue, '-o', 'job-hold-until-default=no-hold');
    }
  });

  it('CUPS not running (client pointed at a dead server, CUPS_SERVER=127.0.0.1:1) gives cups_unavailable for list and print', async () => {
    const dead = new CupsPrinter({ server: '127.0.0.1:1' });
    const listed = await printError(dead.list());
    expectReason(listed, 'cups_unavailable');
    expect(listed.printerMessage).toMatch(/Scheduler is not running/);
    const err = await printError(dead.print({ pdf: await somePdf(), printer: 'PDF', title: 't' }));
    expectReason(err, 'cups_unavailable');
    expect(err.printer).toBe('PDF');
  });

  it('lp and lpstat not installed gives cups_unavailable with a message that says to install CUPS', async () => {
    const empty = mkdtempSync(join(work, 'path-'));
    const err = await printError(new CupsPrinter({ env: { PATH: empty } }).list());
    expectReason(err, 'cups_unavailable');
    expect(err.message).toMatch(/CUPS is not installed here: the command “lpstat” was not found\. Install CUPS/);
  });

  it('a server that never answers gives timeout after the per-call limit, not a hang', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { port } = silent.address() as { port: number };
      const started = Date.now();
      const err = await printError(new CupsPrinter({ server: `127.0.0.1:${port}`, commandTimeoutMs: 1000 }).list());
      expectReason(err, 'timeout');
      expect(Date.now() - started).toBeLessThan(10_000); // the 1 s limit and a kill, not a hang (that would be the test's 30 s)
    } finally {
      silent.close();
    }
  });

  it('on Windows the printer says plainly that printing is not available here', async () => {
    const win = createPrinter({ platform: 'win32' });
    const err = await printError(win.print({ pdf: await somePdf(), printer: 'PDF', title: 't' }));
    expectReason(err, 'cups_unavailable');
    expect(err.message).toMatch(/not available on Windows/);
    expect(createPrinter({ platform: 'linux' })).toBeInstanceOf(CupsPrinter);
    expect(createPrinter({ platform: 'darwin' })).toBeInstanceOf(CupsPrinter);
  });
});

// ---------------------------------------------------------------------------------------------

interface Gray {
  width: number;
  height: number;
  px: Uint8Array;
}

let rasters = 0;
/** Page 1 of a PDF as 8-bit gray at 200 dpi (pdftoppm writes a binary PGM). */
function raster(pdf: string): Gray {
  const prefix = join(work, `page-${++rasters}`);
  execFileSync('pdftoppm', ['-q', '-gray', '-r', '200', '-f', '1', '-l', '1', '-singlefile', pdf, prefix], { timeout: 20_000 });
  const bytes = readFileSync(`${prefix}.pgm`);
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!head) throw new Error(`not a PGM: ${prefix}.pgm`);
  const [width, height] = [Number(head[1]), Number(head[2])];
  return { width, height, px: bytes.subarray(head[0].length, head[0].length + width * height) };
}

/**
 * Where `expected` and `control` (same layout) differ, is `page` closer to the one or the other?
 * Per region of differing pixels (one per occurrence of the differing character): the best shift
 * of `page` within ±6 px (a re-printed page moves by a pixel or so), found on the pixels the two
 * share, then the summed gray distance to each over the differing pixels.
 */
function compareWhereTheyDiffer(page: Gray, expected: Gray, control: Gray): { fromExpected: number; fromControl: number; at: [number, number] }[] {
  const w = expected.width;
  const regions: number[][] = [];
  let last = -Infinity;
  for (let i = 0; i < expected.px.length; i++) {
    if (Math.abs(expected.px[i]! - control.px[i]!) <= 64) continue;
    const row = Math.floor(i / w);
    if (row - last > 30) regions.push([]);
    regions.at(-1)!.push(i);
    last = row;
  }
  const at = (g: Gray, x: number, y: number): number => (x >= 0 && y >= 0 && x < g.width && y < g.height ? g.px[y * g.width + x]! : 255);
  return regions.map((region) => {
    const xs = region.map((i) => i % w);
    const ys = region.map((i) => Math.floor(i / w));
    const [x0, x1, y0, y1] = [Math.min(...xs) - 15, Math.max(...xs) + 15, Math.min(...ys) - 15, Math.max(...ys) + 15];
    let best = { cost: Infinity, dx: 0, dy: 0 };
    for (let dy = -6; dy <= 6; dy++) {
      for (let dx = -6; dx <= 6; dx++) {
        let cost = 0;
        for (let y = y0; y <= y1; y++) {
          for (let x = x0; x <= x1; x++) {
            const e = at(expected, x, y);
            if (Math.abs(e - at(control, x, y)) <= 64) cost += Math.abs(at(page, x + dx, y + dy) - e); // align on what both share
          }
        }
        if (cost < best.cost) best = { cost, dx, dy };
      }
    }
    let fromExpected = 0;
    let fromControl = 0;
    for (const i of region) {
      const [x, y] = [i % w, Math.floor(i / w)];
      const v = at(page, x + best.dx, y + best.dy);
      fromExpected += Math.abs(v - expected.px[i]!);
      fromControl += Math.abs(v - control.px[i]!);
    }
    return { fromExpected, fromControl, at: [x0 + 15, y0 + 15] as [number, number] };
  });
}
