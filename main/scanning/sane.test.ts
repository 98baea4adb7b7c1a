import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, offersResolution, ScanError, type ScanErrorReason, type ScanEvent, type ScanSession } from '../../core/scanning/index.js';
import { scanHold } from '../../tests/support/scan-hold.js';
import { preparePage } from './pages.js';
import { SaneScanner } from './sane.js';

/**
 * The SANE driver against the real thing: scanimage (Debian package sane-utils) and SANE's `test`
 * backend, which scripts/enable-sane-test.sh enables (idempotently) before these tests. The test
 * backend offers test:0 and test:1 with Gray/Color, 1..1200 dpi, a flatbed and an "Automatic Document
 * Feeder" that runs empty after 10 sheets. Scans are at 75 dpi (an 80×100 mm page of 236×295 px),
 * so the whole file takes a few seconds, most of it `scanimage -L` probing every installed backend.
 *
 * Every scan here uses a temporary parent folder of its own (`tempDir`), so the tests can see that a
 * session leaves nothing behind, and look in /proc for a scanimage still running on that folder.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'onewindow-sane-test-'));
let n = 0;
/** A fresh, empty parent folder for one session's temporary folder. */
const freshTemp = (): string => {
  const dir = join(work, `t${++n}`);
  execFileSync('mkdir', ['-p', dir]);
  return dir;
};
const FAST = { idleTimeoutMs: 20_000, killGraceMs: 2_000 };

beforeAll(() => {
  try {
    execFileSync('scanimage', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  } catch {
    throw new Error('scanimage is not installed: apt-get install sane-utils (scripts/install-system-deps.sh)');
  }
  const out = execFileSync('bash', [join(ROOT, 'scripts/enable-sane-test.sh')], { encoding: 'utf8', timeout: 30_000 });
  expect(out).toMatch(/test backend (already )?enabled/);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Rejects when `p` has not settled within `ms` (every wait in this file is bounded). */
function within<T>(ms: number, p: Promise<T>, what = 'the scan'): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${what} did not finish within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        res(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        rej(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function scanError(p: Promise<unknown>): Promise<ScanError> {
  try {
    await within(20_000, p);
  } catch (err) {
    expect(err).toBeInstanceOf(ScanError);
    return err as ScanError;
  }
  throw new Error('expected a ScanError, but the scan succeeded');
}

function expectReason(err: ScanError, reason: ScanErrorReason): void {
  expect({ reason: err.reason, message: err.message }).toMatchObject({ reason });
}

/** Runs a session to its end, keeping every event. */
async function drain(session: ScanSession): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  await within(20_000, collectPages(session, (e) => events.push(e)));
  return events;
}

/** scanimage processes whose command line mentions `text` (our temp folder). */
function scanimageRunningWith(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('scanimage') && cmd.includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const pageOf = (e: ScanEvent) => (e.type === 'page' ? e.page : null);

describe('devices and options of the SANE test backend', () => {
  it('lists test:0 and test:1 through scanimage -f', async () => {
    const devices = await within(30_000, new SaneScanner().listDevices(), 'scanimage -f');
    expect(devices).toContainEqual({ id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device', driver: 'sane' });
    expect(devices.map((d) => d.id)).toContain('test:1');
  });

  it('reads resolutions (300 among them), Gray/Color and Flatbed/ADF from scanimage -A', async () => {
    const caps = await within(10_000, new SaneScanner().options('test:0'), 'scanimage -A');
    expect(offersResolution(caps.resolutions, 300)).toBe(true);
    expect(offersResolution(caps.resolutions, 75)).toBe(true);
    expect(caps.modes).toEqual(['gray', 'color']);
    expect(caps.sources).toEqual(['flatbed', 'feeder']);
    expect(caps.deviceNames.sources.feeder).toBe('Automatic Document Feeder');
  });

  it('refuses an unknown device as device_not_found, in options() and in a scan', async () => {
    const sane = new SaneScanner();
    const e1 = await scanError(sane.options('nosuch:0'));
    expectReason(e1, 'device_not_found');
    expect(e1.deviceMessage).toMatch(/open of device nosuch:0 failed/);
    const e2 = await scanError(collectPages(sane.scan('test:9', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expectReason(e2, 'device_not_found');
    const e3 = await scanError(sane.options('test:0\n-L'));
    expectReason(e3, 'device_not_found');
  });

  it('reports scanimage missing as scanner_missing (listing, options and scanning)', async () => {
    const sane = new SaneScanner({ command: join(work, 'no-such-dir', 'scanimage') });
    expectReason(await scanError(sane.listDevices()), 'scanner_missing');
    expectReason(await scanError(sane.options('test:0')), 'scanner_missing');
    const e = await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expectReason(e, 'scanner_missing');
    expect(e.message).toMatch(/sane-utils/);
  });
});

describe('flatbed scans', () => {
  it('scans one colour page (3 channels, 75 dpi → 236×295 for 80×100 mm) with progress from 0 to 100', async () => {
    const tempDir = freshTemp();
    const sane = new SaneScanner({ ...FAST, tempDir, extraArgs: ['--test-picture=Color pattern'] });
    const events = await drain(sane.scan('test:0', { resolution: 75, mode: 'color', source: 'flatbed' }));
    const pages = events.map(pageOf).filter((p) => p !== null);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ index: 0, mime: 'image/png', dpi: 75, mode: 'color' });
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect({ format: meta.format, channels: meta.channels, width: meta.width, height: meta.height }).toEqual({ format: 'png', channels: 3, width: 236, height: 295 });
    const stats = await sharp(pages[0]!.bytes).stats();
    expect(stats.isOpaque && stats.channels.some((c) => c.max - c.min > 100)).toBe(true); // a pattern, not a flat fill
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress[0]).toEqual({ type: 'progress', index: 0, percent: 0 });
    expect(progress.at(-1)).toEqual({ type: 'progress', index: 0, percent: 100 });
    expect(events.at(-1)?.type).toBe('page');
    expect(readdirSync(tempDir)).toEqual([]);
    // And on through the page work: a colour JPEG at the scan's resolution, not blank.
    const prepared = await preparePage(pages[0]!.bytes, { dpi: pages[0]!.dpi });
    expect({ channels: prepared.channels, blank: prepared.blank, density: (await sharp(prepared.jpeg).metadata()).density }).toEqual({ channels: 3, blank: false, density: 75 });
  });

  it('scans one grey page (1 channel)', async () => {
    const tempDir = freshTemp();
    const pages = await within(20_000, collectPages(new SaneScanner({ ...FAST, tempDir }).scan('test:1', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expect(pages).toHaveLength(1);
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect({ channels: meta.channels, width: meta.width, mode: pages[0]!.mode }).toEqual({ channels: 1, width: 236, mode: 'gray' });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('turns scanimage’s PNM output into PNG pages when told to ask for PNM', async () => {
    const pages = await within(20_000, collectPages(new SaneScanner({ ...FAST, tempDir: freshTemp(), format: 'pnm' }).scan('test:0', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect({ mime: pages[0]!.mime, format: meta.format, channels: meta.channels, width: meta.width, height: meta.height }).toEqual({ mime: 'image/png', format: 'png', channels: 1, width: 236, height: 295 });
  });

  it('snaps the resolution to what the device offers (5000 dpi → its maximum, 1200)', async () => {
    const sane = new SaneScanner({ ...FAST, tempDir: freshTemp() });
    const caps = await sane.options('test:0');
    expect(caps.resolutions).toMatchObject({ max: 1200 });
    // Scanning at 1200 dpi would take long: the plan is checked through a scan cut short by maxPages on a small area.
    const pages = await within(20_000, collectPages(new SaneScanner({ ...FAST, tempDir: freshTemp(), extraArgs: ['-x', '5', '-y', '5'] }).scan('test:0', { resolution: 5000, mode: 'gray', source: 'flatbed' })));
    expect(pages[0]!.dpi).toBe(1200);
    expect((await sharp(pages[0]!.bytes).metadata()).width).toBe(236); // 5 mm at 1200 dpi
  });

  it('refuses what the test device does not have: lineart mode, duplex source', async () => {
    const sane = new SaneScanner(FAST);
    expectReason(await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'lineart', source: 'flatbed' }))), 'option_unsupported');
    const e = await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'duplex' })));
    expectReason(e, 'option_unsupported');
    expect(e.message).toMatch(/flatbed, feeder/);
  });
});

describe('feeder batches', () => {
  it('yields exactly the 10 sheets of the feeder, in order, each announced by progress, then ends cleanly', async () => {
    const tempDir = freshTemp();
    const sane = new SaneScanner({ ...FAST, tempDir });
    const events = await drain(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' }));
    const pages = events.map(pageOf).filter((p) => p !== null);
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each page is preceded by the start of its own scan (percent 0 for that index), after the previous page.
    for (const p of pages) {
      const at = events.findIndex((e) => e.type === 'page' && e.page.index === p.index);
      const started = events.findIndex((e) => e.type === 'progress' && e.index === p.index && e.percent === 0);
      const previous = events.findIndex((e) => e.type === 'page' && e.page.index === p.index - 1);
      expect(started).toBeGreaterThan(previous);
      expect(started).toBeLessThan(at);
    }
    // The 11th sheet (out of documents) produced no page and no progress beyond it.
    expect(events.filter((e) => e.type === 'progress' && e.index > 10)).toEqual([]);
    for (const p of pages) expect((await sharp(p.bytes).metadata()).channels).toBe(1);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('keeps progress in page order when scanimage’s stderr is read after its stdout (a wrapper holds stderr back to the end)', async () => {
    // The two pipes are read in whatever order the system delivers them; under load a page's path can
    // be read before the line announcing that page. Here the real scanimage's stderr comes only after
    // it exits: the worst order, made certain.
    const late = join(work, 'scanimage-late-stderr');
    writeFileSync(late, ['#!/bin/sh', 'case "$*" in *--all-options*) exec scanimage "$@";; esac', 'err=$(mktemp)', 'scanimage "$@" 2>"$err"; rc=$?', 'cat "$err" >&2; rm -f "$err"', 'exit $rc', ''].join('\n'));
    chmodSync(late, 0o755);
    const events = await within(30_000, drain(new SaneScanner({ ...FAST, tempDir: freshTemp(), command: late }).scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder', maxPages: 4 })));
    const order = events.map((e) => (e.type === 'page' ? `page ${e.page.index}` : e.type === 'progress' && e.percent === 0 ? `start ${e.index}` : null)).filter((x) => x !== null);
    expect(order).toEqual(['start 0', 'page 0', 'start 1', 'page 1', 'start 2', 'page 2', 'start 3', 'page 3']);
    // What the clerk sees never goes backwards.
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.index * 1000 + e.percent] : []));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stops after maxPages (with a temporary folder given relative to the working directory)', async () => {
    const tempDir = freshTemp();
    const sane = new SaneScanner({ ...FAST, tempDir: relative(process.cwd(), tempDir) });
    const pages = await within(20_000, collectPages(sane.scan('test:0', { resolution: 75, mode: 'color', source: 'feeder', maxPages: 3 })));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('cancel mid-batch: the session throws cancelled, scanimage is gone and no temporary file is left', async () => {
    const tempDir = freshTemp();
    // The feeder holds after two sheets until the cancel (tests/support/scan-hold.ts): a cancel that
    // waited for the batch to end would not end at all, and the bound of scanError fails it.
    const hold = scanHold();
    hold.holdAfter(2);
    const sane = new SaneScanner({ ...FAST, tempDir, command: hold.command, env: hold.env });
    const controller = new AbortController();
    const got: number[] = [];
    let runningBefore: number[] = [];
    try {
      const err = await scanError(
        (async () => {
          for await (const e of sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' }, controller.signal)) {
            if (e.type !== 'page') continue;
            got.push(e.page.index);
            if (got.length === 2) {
              runningBefore = scanimageRunningWith(tempDir);
              controller.abort();
            }
          }
        })(),
      );
      expectReason(err, 'cancelled');
      expect(err.pagesDelivered).toBe(2);
      expect(got).toEqual([0, 1]);
      // The driver's child (the hold's stand-in) was there while it scanned; the real scanimage too,
      // unless it had already run the feeder empty behind the hold…
      expect(runningBefore.length).toBeGreaterThanOrEqual(1);
      expect(scanimageRunningWith(tempDir)).toEqual([]); // …and all are gone once the session has thrown
      expect(readdirSync(tempDir)).toEqual([]);
    } finally {
      hold.remove();
    }
  });

  it('leaving the loop early (break) stops scanimage and removes its files too', async () => {
    const tempDir = freshTemp();
    const sane = new SaneScanner({ ...FAST, tempDir, extraArgs: ['--read-delay=yes', '--read-delay-duration=100000'] });
    await within(
      10_000,
      (async () => {
        for await (const e of sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' })) if (e.type === 'page') break;
      })(),
    );
    expect(scanimageRunningWith(tempDir)).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('an already aborted signal scans nothing', async () => {
    const tempDir = freshTemp();
    const e = await scanError(collectPages(new SaneScanner({ ...FAST, tempDir }).scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' }, AbortSignal.abort())));
    expectReason(e, 'cancelled');
    expect(readdirSync(tempDir)).toEqual([]);
  });

  /**
   * A feeder scan of test:0 whose every read returns `status` (`--read-return-value`). The test
   * backend itself hangs now and then in that mode (about 1 run in 150, with scanimage alone too:
   * its forked reader never ends), so a run that goes silent for 3 s is tried once more; a second
   * silence fails the test.
   */
  async function scanWithReadStatus(status: string, tempDir: string): Promise<ScanError> {
    for (let attempt = 1; ; attempt++) {
      const sane = new SaneScanner({ tempDir, idleTimeoutMs: 3_000, killGraceMs: 1_000, extraArgs: [`--read-return-value=${status}`] });
      const e = await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' })));
      if (e.deviceStatus !== 'timeout' || attempt === 2) return e;
    }
  }

  it('an empty feeder (no sheet at all) is feeder_empty', async () => {
    const tempDir = freshTemp();
    const e = await scanWithReadStatus('SANE_STATUS_NO_DOCS', tempDir);
    expectReason(e, 'feeder_empty');
    expect(e.pagesDelivered).toBe(0);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('a paper jam is scan_failed with the scanner’s words and the status jammed', async () => {
    const e = await scanWithReadStatus('SANE_STATUS_JAMMED', freshTemp());
    expect({ reason: e.reason, status: e.deviceStatus, said: e.deviceMessage }).toEqual({ reason: 'scan_failed', status: 'jammed', said: 'sane_read: Document feeder jammed' });
  });

  it('a device that stops answering mid-batch is device_gone, after the pages it delivered', async () => {
    // scanimage itself, cut off after 2 sheets and then failing as a USB scanner does when unplugged.
    const fake = join(work, 'scanimage-unplugged');
    writeFileSync(
      fake,
      ['#!/bin/sh', 'case "$*" in *--all-options*) exec scanimage "$@";; esac', 'scanimage "$@" --batch-count=2 || exit $?', 'echo "scanimage: sane_read: Error during device I/O" >&2', 'exit 9', ''].join('\n'),
    );
    chmodSync(fake, 0o755);
    const tempDir = freshTemp();
    const got: number[] = [];
    const e = await scanError(
      collectPages(new SaneScanner({ ...FAST, tempDir, command: fake }).scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder' }), (ev) => {
        if (ev.type === 'page') got.push(ev.page.index);
      }),
    );
    expectReason(e, 'device_gone');
    expect({ delivered: e.pagesDelivered, got, status: e.deviceStatus }).toEqual({ delivered: 2, got: [0, 1], status: 'io_error' });
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('a scanner that goes silent is stopped after the idle timeout', async () => {
    const tempDir = freshTemp();
    // The test backend pauses 0.2 s between buffers; with an idle limit of 0.1 s that is silence.
    const sane = new SaneScanner({ tempDir, idleTimeoutMs: 100, killGraceMs: 1_000, extraArgs: ['--read-delay=yes', '--read-delay-duration=200000'] });
    const e = await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expect({ reason: e.reason, status: e.deviceStatus }).toEqual({ reason: 'scan_failed', status: 'timeout' });
    expect(scanimageRunningWith(tempDir)).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('refuses a second scan on a device that is scanning (busy), and takes one on the other device', async () => {
    const sane = new SaneScanner({ ...FAST, tempDir: freshTemp(), extraArgs: ['--read-delay=yes', '--read-delay-duration=100000'] });
    const first = sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'feeder', maxPages: 2 })[Symbol.asyncIterator]();
    const firstEvent = await within(10_000, first.next());
    expect(firstEvent.done).toBe(false);
    const e = await scanError(collectPages(sane.scan('test:0', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expect({ reason: e.reason, status: e.deviceStatus }).toEqual({ reason: 'scan_failed', status: 'busy' });
    const other = await within(20_000, collectPages(sane.scan('test:1', { resolution: 75, mode: 'gray', source: 'flatbed' })));
    expect(other).toHaveLength(1);
    await first.return?.(undefined);
  });
});

describe('scripts/enable-sane-test.sh', () => {
  it('uncomments #test, appends test where there is none, and changes nothing the second time', () => {
    const run = (conf: string): string => execFileSync('bash', [join(ROOT, 'scripts/enable-sane-test.sh')], { encoding: 'utf8', env: { ...process.env, SANE_DLL_CONF: conf }, timeout: 10_000 });
    const a = join(work, 'dll-a.conf');
    writeFileSync(a, 'net\n#teco3\n#test\nu12\n');
    expect(run(a)).toMatch(/uncommented '#test'/);
    expect(readFileSync(a, 'utf8')).toBe('net\n#teco3\ntest\nu12\n');
    expect(run(a)).toMatch(/already enabled/);
    expect(readFileSync(a, 'utf8')).toBe('net\n#teco3\ntest\nu12\n');
    const b = join(work, 'dll-b.conf');
    writeFileSync(b, 'net\nu12'); // no final newline
    expect(run(b)).toMatch(/appended 'test'/);
    expect(run(b)).toMatch(/already enabled/);
    expect(readFileSync(b, 'utf8')).toBe('net\nu12\ntest\n');
  });
});
