import { describe, expect, it } from 'vitest';
import { DomainError } from '../result.js';
import { PageError, ScanError, isPageError, isScanError } from './errors.js';
import { collectPages, offersResolution, pagesOf, pickResolution } from './options.js';
import type { ScanEvent, ScanSession } from './scanner.js';

describe('resolutions a device offers', () => {
  const list = { kind: 'list' as const, values: [75, 150, 300, 600] };
  const range = { kind: 'range' as const, min: 50, max: 1200, step: 1 };
  const coarse = { kind: 'range' as const, min: 100, max: 600, step: 50 };

  it('knows which values are offered, in a list and in a range with steps', () => {
    expect(offersResolution(list, 300)).toBe(true);
    expect(offersResolution(list, 200)).toBe(false);
    expect(offersResolution(range, 300)).toBe(true);
    expect(offersResolution(range, 1201)).toBe(false);
    expect(offersResolution(coarse, 250)).toBe(true);
    expect(offersResolution(coarse, 275)).toBe(false);
    expect(offersResolution(null, 300)).toBe(false);
  });

  it('picks the nearest offered resolution, the higher one on a tie, and clamps and snaps a range', () => {
    expect(pickResolution(list, 300)).toBe(300);
    expect(pickResolution(list, 200)).toBe(150);
    expect(pickResolution(list, 225)).toBe(300); // tie between 150 and 300 → more detail
    expect(pickResolution(list, 5000)).toBe(600);
    expect(pickResolution(range, 20)).toBe(50);
    expect(pickResolution(coarse, 270)).toBe(250);
    expect(pickResolution(coarse, 280)).toBe(300);
    expect(pickResolution(null, 300)).toBe(300);
  });
});

describe('scan errors', () => {
  it('are DomainErrors whose code and reason a handler passes on as they are', () => {
    const e = new ScanError('device_gone', 'gone', { device: 'test:0', pagesDelivered: 3, deviceMessage: 'Error during device I/O', deviceStatus: 'io_error' });
    expect(e).toBeInstanceOf(DomainError);
    expect(isScanError(e)).toBe(true);
    expect({ code: e.code, reason: e.reason, device: e.device, pages: e.pagesDelivered, status: e.deviceStatus }).toEqual({ code: 'unavailable', reason: 'device_gone', device: 'test:0', pages: 3, status: 'io_error' });
    expect(new ScanError('device_not_found', 'x').code).toBe('not_found');
    const p = new PageError('image_corrupt', 'broken');
    expect(p).toBeInstanceOf(DomainError);
    expect(isPageError(p) && !isScanError(p)).toBe(true);
    expect({ code: p.code, reason: p.reason }).toEqual({ code: 'invalid_input', reason: 'image_corrupt' });
  });
});

describe('sessions', () => {
  const session = (events: ScanEvent[]): ScanSession => ({
    async *[Symbol.asyncIterator]() {
      for (const e of events) yield e;
    },
  });
  const page = (index: number): ScanEvent => ({ type: 'page', page: { index, bytes: new Uint8Array([index]), mime: 'image/png', dpi: 300, mode: 'gray' } });
  const events: ScanEvent[] = [{ type: 'progress', index: 0, percent: 0 }, page(0), { type: 'progress', index: 1, percent: 50 }, page(1)];

  it('collects the pages in order and shows every event on the way', async () => {
    const seen: string[] = [];
    const pages = await collectPages(session(events), (e) => seen.push(e.type));
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(seen).toEqual(['progress', 'page', 'progress', 'page']);
  });

  it('pagesOf drops the progress events', async () => {
    const indexes: number[] = [];
    for await (const p of pagesOf(session(events))) indexes.push(p.index);
    expect(indexes).toEqual([0, 1]);
  });
});
