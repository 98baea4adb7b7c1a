import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { displayName, importFile } from './file-import.js';
import { watchFolder } from './folder-watch.js';

const jpeg = (): Promise<Buffer> => sharp({ create: { width: 200, height: 280, channels: 3, background: '#fff' } }).jpeg().toBuffer();

describe('file import', () => {
  it('imports a JPEG and keeps only a clean display name', async () => {
    const dir = tempDir();
    const file = join(dir, 'scan\u0007 001.jpg');
    writeFileSync(file, await jpeg());
    const r = await importFile(file);
    expect(r.info.format).toBe('jpeg');
    expect(r.name).toBe('scan 001.jpg');
  });

  it('cleans names with folders, ../ and bidi tricks', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\a\\..\\x.jpg')).toBe('x.jpg');
    expect(displayName('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
    expect(displayName('..')).toBe('file');
  });

  it('refuses a 0-byte file, a text file renamed .jpg, and a file over the size limit before reading it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.jpg'), '');
    writeFileSync(join(dir, 'fake.jpg'), 'this is not an image at all');
    writeFileSync(join(dir, 'big.jpg'), Buffer.alloc(2048));
    await expect(importFile(join(dir, 'empty.jpg'))).rejects.toMatchObject({ reason: 'image_empty' });
    await expect(importFile(join(dir, 'fake.jpg'))).rejects.toMatchObject({ reason: 'image_unsupported' });
    await expect(importFile(join(dir, 'big.jpg'), 1024)).rejects.toMatchObject({ reason: 'image_too_large' });
  });
});

describe('watched folder', () => {
  it('hands over a file only once it has stopped growing, once, and ignores files being written', async () => {
    const dir = tempDir();
    const got: string[] = [];
    const bytes = await jpeg();
    const file = join(dir, 'page1.jpg');
    writeFileSync(file, bytes.subarray(0, 100));
    writeFileSync(join(dir, 'page2.jpg.part'), bytes);
    // The watcher's polls and clock run on the test's time: "still growing" and "steady for 300 ms"
    // are what the test makes them, however slowly the machine runs.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const stop = watchFolder(dir, (p) => got.push(p), { stableMs: 300, pollMs: 50 });
    try {
      // A piece every 100 ms for 500 ms: nothing may be handed over yet.
      for (let i = 0; i < 5; i += 1) {
        vi.advanceTimersByTime(100);
        appendFileSync(file, bytes.subarray(100 + i * 10, 110 + i * 10));
      }
      expect(got).toEqual([]);
      vi.advanceTimersByTime(350); // steady for 300 ms since the poll that saw the last piece
      expect(got).toEqual([file]);
      vi.advanceTimersByTime(1_000);
      expect(got).toEqual([file]); // once
    } finally {
      stop();
      vi.useRealTimers();
    }
  });
});
