import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isScanError, type ScannedPage } from '../../core/scanning/index.js';
import { tempDir } from '../../tests/support/temp.js';
import { FolderScanner } from './folder-scanner.js';

const OPTS = { resolution: 300, mode: 'color', source: 'flatbed' } as const;
const fast = (folder: string, idleMs = 600) => new FolderScanner({ folders: () => [folder], idleMs, stableMs: 150, pollMs: 30 });

async function jpeg(label: number): Promise<Buffer> {
  return sharp({ create: { width: 60 + label, height: 80, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
}

async function collect(scanner: FolderScanner, folder: string, signal?: AbortSignal, pages: ScannedPage[] = []): Promise<{ pages: ScannedPage[]; error: unknown }> {
  try {
    for await (const ev of scanner.scan(folder, OPTS, signal)) if (ev.type === 'page') pages.push(ev.page);
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

/**
 * The watcher's polls and clock and the scan's quiet timer run on the test's time (fake timers):
 * "still being written", "steady for 150 ms" and "quiet for 600 ms" are what the test makes them,
 * however slowly a loaded machine runs. Reading and decoding files stays real.
 */
const useTestTime = (): void => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
afterEach(() => void vi.useRealTimers());
/** Moves the test's time on by `ms`, running what falls due. */
const advance = (ms: number): Promise<unknown> => vi.advanceTimersByTimeAsync(ms);

/** Waits in real time (bounded) for the real work (reading, decoding a file) to reach `cond`. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const end = performance.now() + 10_000;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('a watched folder as a scanner', () => {
  it('takes the files waiting (by name), then one saved during the scan, ends when quiet, and moves each to imported/', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'b.jpg'), await jpeg(2));
    writeFileSync(join(folder, 'a.jpg'), await jpeg(1));
    writeFileSync(join(folder, 'notes.txt'), 'ignored: not a page type');
    const late = await jpeg(3);
    useTestTime();
    const pages: ScannedPage[] = [];
    const scanning = collect(fast(folder), folder, undefined, pages);
    await advance(180); // a and b are steady after 150 ms
    await until(() => pages.length === 2, 'the two files waiting');
    writeFileSync(join(folder, 'c.jpg'), late); // saved during the scan, before 600 ms of quiet
    await advance(180);
    await until(() => pages.length === 3, 'the file saved during the scan');
    await advance(700); // then quiet: the scan ends
    const { error } = await scanning;
    expect(error).toBeNull();
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    // Widths 61, 62, 63 tell the files apart: a, b, then the late c.
    const widths = await Promise.all(pages.map(async (p) => (await sharp(p.bytes).metadata()).width));
    expect(widths).toEqual([61, 62, 63]);
    expect(readdirSync(folder).sort()).toEqual(['imported', 'notes.txt']);
    expect(readdirSync(join(folder, 'imported'))).toHaveLength(3);
  });

  it('waits for a file still being written instead of taking half of it', async () => {
    const folder = tempDir();
    const whole = await jpeg(5);
    const path = join(folder, 'growing.jpg');
    writeFileSync(path, whole.subarray(0, 100));
    useTestTime();
    const pages: ScannedPage[] = [];
    const scanning = collect(fast(folder, 1500), folder, undefined, pages);
    // 200 more bytes every 60 ms, never steady for the 150 ms it takes: nothing may be taken meanwhile.
    for (let written = 100; written < whole.length; written += 200) {
      await advance(60);
      appendFileSync(path, whole.subarray(written, Math.min(whole.length, written + 200)));
      expect(pages).toEqual([]);
    }
    await advance(200);
    await until(() => pages.length === 1, 'the finished file');
    await advance(1600);
    const { error } = await scanning;
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    expect(Buffer.from(pages[0]!.bytes).equals(whole)).toBe(true);
  });

  it('a file that is no image ends the scan with its reason, keeps the pages before, and is moved to refused/', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, '1.jpg'), await jpeg(1));
    writeFileSync(join(folder, '2.jpg'), 'not a jpeg at all');
    const { pages, error } = await collect(fast(folder), folder);
    expect(pages).toHaveLength(1);
    expect(isScanError(error) && error.reason).toBe('scan_failed');
    expect(isScanError(error) && error.deviceMessage).toBe('image_unsupported');
    expect(readdirSync(join(folder, 'refused'))).toHaveLength(1);
    expect(existsSync(join(folder, '2.jpg'))).toBe(false);
  });

  it('stops on cancel, and refuses a folder that is not configured', async () => {
    const folder = tempDir();
    const ctrl = new AbortController();
    useTestTime();
    const scanning = collect(fast(folder, 10_000), folder, ctrl.signal);
    await advance(100); // waiting for a file, 9.9 s of its quiet time left
    ctrl.abort();
    const { error } = await scanning;
    expect(isScanError(error) && error.reason).toBe('cancelled');
    vi.useRealTimers();
    const other = await collect(fast(folder), tempDir());
    expect(isScanError(other.error) && other.error.reason).toBe('device_not_found');
  });
});
