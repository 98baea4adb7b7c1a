import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PageError, type PageErrorReason } from '../../core/scanning/index.js';
import { BLANK, detectBlank, inspectImage, JPEG_QUALITY, preparePage, THUMBNAIL_WIDTH } from './pages.js';
import { parsePnm, pnmToPng } from './pnm.js';

/** A page as an SVG drawing rendered by sharp (librsvg), at `width`×`height`. */
const svg = (width: number, height: number, body: string, paper = 'white'): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${paper}"/>${body}</svg>`);

/** An A5 page at 150 dpi (874×1240): small enough to keep the tests fast, large enough for text. */
const A5 = { w: 874, h: 1240 };
const textLines = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<text x="80" y="${150 + i * 40}" font-size="21" font-family="sans-serif">第${i + 1}行 申请人 王小明 Application ${i + 1}</text>`).join('');

/** Adds scanner-like noise (±3 levels) to an image, deterministically. */
async function noisy(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + (seed >>> 29) - 3));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png().toBuffer();
}

async function pageError(p: Promise<unknown>): Promise<PageError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PageError);
    return err as PageError;
  }
  throw new Error('expected a PageError, but the page was accepted');
}

async function expectRefused(bytes: Uint8Array, reason: PageErrorReason): Promise<PageError> {
  const e = await pageError(preparePage(bytes));
  expect({ reason: e.reason, code: e.code, message: e.message }).toMatchObject({ reason, code: 'invalid_input' });
  return e;
}

/** The colour of the pixel at x,y of an image, as [r, g, b]. */
async function pixel(image: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1];
}
const isRed = ([r, g, b]: number[]) => (r ?? 0) > 180 && (g ?? 255) < 90 && (b ?? 255) < 90;

/** A 300×200 landscape picture: white, with a red block in its top-left corner. */
const landscape = (): Promise<Buffer> => sharp(svg(300, 200, '<rect x="0" y="0" width="60" height="60" fill="#ff0000"/>')).jpeg({ quality: 95 }).toBuffer();

describe('orientation, rotation, crop', () => {
  it('turns an EXIF orientation 6 photo upright (a phone held upright stores it lying on its side)', async () => {
    // Stored landscape with "rotate 90° clockwise to display": upright it is 200×300, the red corner top-right.
    const jpeg = await sharp(await landscape()).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await inspectImage(jpeg)).orientation).toBe(6);
    const page = await preparePage(jpeg);
    expect({ w: page.width, h: page.height }).toEqual({ w: 200, h: 300 });
    expect(isRed(await pixel(page.jpeg, 170, 30))).toBe(true);
    expect(isRed(await pixel(page.jpeg, 30, 30))).toBe(false);
    const meta = await sharp(page.jpeg).metadata();
    expect(meta.orientation).toBeUndefined(); // applied, not carried along to be applied twice
  });

  it('rotates by quarter turns after the EXIF orientation, and crops in the rotated page', async () => {
    const jpeg = await landscape();
    const r90 = await preparePage(jpeg, { rotate: 90 });
    expect({ w: r90.width, h: r90.height }).toEqual({ w: 200, h: 300 });
    expect(isRed(await pixel(r90.jpeg, 170, 30))).toBe(true);
    const r180 = await preparePage(jpeg, { rotate: 180 });
    expect(isRed(await pixel(r180.jpeg, 270, 170))).toBe(true);
    const cropped = await preparePage(jpeg, { rotate: 90, crop: { left: 100, top: 0, width: 100, height: 100 } });
    expect({ w: cropped.width, h: cropped.height }).toEqual({ w: 100, h: 100 });
    expect(isRed(await pixel(cropped.jpeg, 80, 20))).toBe(true);
  });

  it('refuses a crop outside the page as invalid_crop', async () => {
    const e = await pageError(preparePage(await landscape(), { rotate: 90, crop: { left: 150, top: 0, width: 100, height: 100 } }));
    expect({ reason: e.reason, field: e.field }).toEqual({ reason: 'invalid_crop', field: 'crop' });
  });
});

describe('stored JPEG and thumbnail', () => {
  it(`compresses to JPEG at quality ${JPEG_QUALITY} with the scan's dpi, and makes a ${THUMBNAIL_WIDTH} px thumbnail`, async () => {
    const png = await noisy(await sharp(svg(A5.w, A5.h, textLines(20))).png().toBuffer());
    const page = await preparePage(png, { dpi: 150 });
    const meta = await sharp(page.jpeg).metadata();
    expect({ format: meta.format, w: meta.width, h: meta.height, channels: meta.channels, density: meta.density }).toEqual({ format: 'jpeg', w: A5.w, h: A5.h, channels: 3, density: 150 });
    expect(page.source).toMatchObject({ format: 'png', width: A5.w, height: A5.h, orientation: 1, pages: 1 });
    expect(page.jpeg.length).toBeLessThan(png.length);
    const thumb = await sharp(page.thumbnail).metadata();
    expect({ format: thumb.format, w: thumb.width, h: thumb.height }).toEqual({ format: 'jpeg', w: 240, h: Math.round((240 * A5.h) / A5.w) });
    expect({ tw: page.thumbnailWidth, th: page.thumbnailHeight }).toEqual({ tw: 240, th: thumb.height });
    // Quality is what it says: a lower quality gives fewer bytes.
    expect((await preparePage(png, { quality: 50 })).jpeg.length).toBeLessThan(page.jpeg.length);
  });

  it('keeps a grey scan grey (one channel) and flattens transparency onto white', async () => {
    const drawing = svg(400, 300, '<text x="20" y="100" font-size="40">grey 灰度</text>');
    const grey = await sharp(drawing).removeAlpha().toColourspace('b-w').png().toBuffer();
    const greyAlpha = await sharp(drawing).toColourspace('b-w').png().toBuffer();
    expect([(await sharp(grey).metadata()).channels, (await sharp(greyAlpha).metadata()).channels]).toEqual([1, 2]);
    for (const input of [grey, greyAlpha]) {
      const page = await preparePage(input);
      expect({ channels: page.channels, meta: (await sharp(page.jpeg).metadata()).channels, thumb: (await sharp(page.thumbnail).metadata()).channels }).toEqual({ channels: 1, meta: 1, thumb: 1 });
    }
    const transparent = await sharp({ create: { width: 100, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const flat = await preparePage(transparent);
    expect((await pixel(flat.jpeg, 50, 50)).every((v) => v > 250)).toBe(true);
  });

  it('reads 16-bit PNG and TIFF scans, and the page of a multi-page TIFF that is asked for', async () => {
    const base = svg(200, 100, '<rect x="0" y="0" width="100" height="100" fill="#0000ff"/>');
    const png16 = await sharp(base).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    const p = await preparePage(png16);
    expect({ w: p.width, channels: p.channels }).toEqual({ w: 200, channels: 3 });
    const tiff = await sharp(base).tiff().toBuffer();
    expect((await preparePage(tiff)).width).toBe(200);
    const e = await pageError(preparePage(tiff, { page: 1 }));
    expect(e.reason).toBe('image_unsupported');
  });
});

describe('blank pages', () => {
  it('flags a white page (with scanner noise) blank, keeps it, and a page with text not', async () => {
    const white = await noisy(await sharp(svg(A5.w, A5.h, '')).png().toBuffer());
    const blank = await preparePage(white);
    expect(blank.blank).toBe(true);
    expect(blank.blankness).toMatchObject({ blank: true, inkShare: 0 });
    expect(blank.blankness.stdev).toBeLessThan(BLANK.maxStdev);
    expect(blank.jpeg.length).toBeGreaterThan(0); // flagged, not dropped: the page is all there
    expect(blank.thumbnail.length).toBeGreaterThan(0);

    const text = await noisy(await sharp(svg(A5.w, A5.h, textLines(1))).png().toBuffer());
    const page = await preparePage(text);
    expect(page.blank).toBe(false);
    expect(page.blankness.inkShare).toBeGreaterThan(BLANK.maxInkShare * 5);
  });

  it('counts a short signature as content, and grey paper or show-through from the back as blank', async () => {
    const signature = await sharp(svg(A5.w, A5.h, '<path d="M500 1050 c 25 -40 50 20 75 -10 s 40 30 60 -5" stroke="#1a1a60" stroke-width="3" fill="none"/>')).png().toBuffer();
    expect((await detectBlank(signature)).blank).toBe(false);
    const greyPaper = await noisy(await sharp(svg(A5.w, A5.h, '', '#e6e1d3')).png().toBuffer());
    expect(await detectBlank(greyPaper)).toMatchObject({ blank: true });
    const showThrough = await sharp(svg(A5.w, A5.h, `<g fill="#dadada">${textLines(25)}</g>`)).png().toBuffer();
    expect(await detectBlank(showThrough)).toMatchObject({ blank: true });
    const black = await sharp(svg(200, 300, '', 'black')).png().toBuffer();
    expect(await detectBlank(black)).toMatchObject({ blank: false, paper: 0 });
  });

  it('takes other thresholds when given', async () => {
    const text = await sharp(svg(A5.w, A5.h, textLines(1))).png().toBuffer();
    expect((await detectBlank(text, { maxInkShare: 0.5, maxStdev: 100 })).blank).toBe(true);
  });
});

describe('bad input', () => {
  it('a 0-byte file → image_empty', async () => {
    await expectRefused(new Uint8Array(0), 'image_empty');
  });

  it('a text file named .jpg → image_unsupported', async () => {
    await expectRefused(Buffer.from('申请材料清单\nThis is not a picture.\n'), 'image_unsupported');
  });

  it('an SVG or a GIF → image_unsupported (sharp reads them, pages are not taken from them)', async () => {
    await expectRefused(svg(10, 10, ''), 'image_unsupported');
    await expectRefused(await sharp(svg(10, 10, '')).gif().toBuffer(), 'image_unsupported');
  });

  it('a truncated JPEG or PNG → image_corrupt', async () => {
    const jpeg = await sharp(svg(A5.w, A5.h, textLines(10))).jpeg().toBuffer();
    await expectRefused(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image_corrupt');
    const png = await sharp(svg(A5.w, A5.h, textLines(10))).png().toBuffer();
    await expectRefused(png.subarray(0, Math.floor(png.length / 2)), 'image_corrupt');
    await expectRefused(jpeg.subarray(0, 300), 'image_corrupt'); // the header is cut too
  });

  it('a PNG bomb (a 48 KB file declaring 20000×20000) → image_too_large, refused from its header at once', async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100_000);
    const rssBefore = process.memoryUsage().rss;
    // CPU time of the whole process (sharp's threads too), not the clock, which a loaded machine
    // stretches: decoding 400 megapixels would take many CPU-seconds.
    const cpuBefore = process.cpuUsage();
    const e = await expectRefused(bomb, 'image_too_large');
    expect(e.message).toMatch(/20000×20000/);
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    // A limit of one's own applies too.
    const page = await sharp(svg(300, 300, '')).png().toBuffer();
    expect((await pageError(preparePage(page, { maxInputPixels: 300 * 299 }))).reason).toBe('image_too_large');
    expect((await pageError(preparePage(page, { maxInputBytes: 10 }))).reason).toBe('image_too_large');
  });
});

describe('PNM from scanimage', () => {
  it('reads P4, P5 (8 and 16 bit) and P6 with the comment SANE writes', () => {
    const p5 = Buffer.concat([Buffer.from('P5\n# SANE data follows\n3 2\n255\n'), Buffer.from([0, 128, 255, 10, 20, 30])]);
    expect(parsePnm(p5)).toMatchObject({ width: 3, height: 2, channels: 1, data: Buffer.from([0, 128, 255, 10, 20, 30]) });
    const p5wide = Buffer.concat([Buffer.from('P5\n2 1\n65535\n'), Buffer.from([0xff, 0xff, 0x80, 0x00])]);
    expect(parsePnm(p5wide).data).toEqual(Buffer.from([255, 128]));
    const p6 = Buffer.concat([Buffer.from('P6\n# SANE data follows\n1 1\n255\n'), Buffer.from([1, 2, 3])]);
    expect(parsePnm(p6)).toMatchObject({ channels: 3, data: Buffer.from([1, 2, 3]) });
    const p4 = Buffer.concat([Buffer.from('P4\n# SANE data follows\n10 1\n'), Buffer.from([0b10100000, 0b01000000])]);
    expect([...parsePnm(p4).data]).toEqual([0, 255, 0, 255, 255, 255, 255, 255, 255, 0]);
  });

  it('refuses what is not a whole PNM', () => {
    expect(() => parsePnm(Buffer.from('P6\n10 10\n255\n\x01\x02'))).toThrow(/cut short/);
    expect(() => parsePnm(Buffer.from('P3\n1 1\n255\n0 0 0'))).toThrow(/magic/);
    expect(() => parsePnm(Buffer.from('P5\n'))).toThrow(/header ends early/);
  });

  it('turns PNM into PNG with the same pixels', async () => {
    const p6 = Buffer.concat([Buffer.from('P6\n2 1\n255\n'), Buffer.from([255, 0, 0, 0, 0, 255])]);
    const png = await pnmToPng(p6);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect({ format: (await sharp(png).metadata()).format, channels: info.channels, data: [...data] }).toEqual({ format: 'png', channels: 3, data: [255, 0, 0, 0, 0, 255] });
  });
});

/**
 * A valid 1-bit greyscale PNG of width×height white pixels: its zlib stream of zero rows compresses
 * about 1000:1, so the file is small and decoding it would need width×height bytes or more.
 */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Math.ceil(width / 8) + 1; // filter byte + packed bits (0 = black; it does not matter)
  const idat = deflateSync(Buffer.alloc(row * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
