import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isScanError, type ScannedPage } from '../../core/scanning/index.js';
import { tempDir } from '../../tests/support/temp.js';
import { FolderScanner } from './folder-scanner.js';

const OPTS = { resolution: 300, mode: 'color', source: 'flatbed' } as const;
const fast = (folder: string, idleMs = 600) => new FolderScanner({ folders: () => [folder], idleMs, stableMs: 150, pollMs: 30 });

async function jpeg(label: number): Promise<Buffer> {
  return sharp({ create: { width: 60 + label, height: 80, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
}

async function collect(scanner: FolderScanner, folder: string, signal?: AbortSignal): Promise<{ pages: ScannedPage[]; error: unknown }> {
  const pages: ScannedPage[] = [];
  try {
    for await (const ev of scanner.scan(folder, OPTS, signal)) if (ev.type === 'page') pages.push(ev.page);
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

describe('a watched folder as a scanner', () => {
  it('takes the files waiting (by name), then one saved during the scan, ends when quiet, and moves each to imported/', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'b.jpg'), await jpeg(2));
    writeFileSync(join(folder, 'a.jpg'), await jpeg(1));
    writeFileSync(join(folder, 'notes.txt'), 'ignored: not a page type');
    const late = await jpeg(3);
    setTimeout(() => writeFileSync(join(folder, 'c.jpg'), late), 250);
    const { pages, error } = await collect(fast(folder), folder);
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
    let written = 100;
    const timer = setInterval(() => {
      const next = Math.min(whole.length, written + 200);
      appendFileSync(path, whole.subarray(written, next));
      written = next;
      if (written >= whole.length) clearInterval(timer);
    }, 60);
    const { pages, error } = await collect(fast(folder, 1500), folder);
    clearInterval(timer);
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
    setTimeout(() => ctrl.abort(), 100);
    const { error } = await collect(fast(folder, 10_000), folder, ctrl.signal);
    expect(isScanError(error) && error.reason).toBe('cancelled');
    const other = await collect(fast(folder), tempDir());
    expect(isScanError(other.error) && other.error.reason).toBe('device_not_found');
  });
});
