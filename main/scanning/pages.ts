import sharp from 'sharp';
import { PageError } from '../../core/scanning/index.js';

/**
 * Page work with sharp (libvips): from what a scanner, a camera or a file gives, to the page the app
 * stores — upright, rotated and cropped as the clerk asked, compressed to JPEG, with a thumbnail and a
 * blank-page verdict. Nothing here writes files; storing is the caller's (content-addressed, later).
 *
 * Decisions, with their numbers:
 * - **JPEG quality 80** (`JPEG_QUALITY`), 4:2:0 chroma, optimised Huffman tables, baseline: libjpeg-
 *   turbo speed (mozjpeg's trellis would save ~30 % of the bytes at 12× the time: 670 ms a page).
 *   Stored bytes for an A4 page at 300 dpi (2480×3508) with scanner-like noise: 160 KB for a blank
 *   sheet, 440 KB for a form with 12 lines of 10 pt text, 1.1 MB for a page of dense text (quality
 *   70/75/85/90 give 0.81/0.87/1.19/1.54× those bytes). 80 is the usual choice for documents: text
 *   edges stay clean, and a case of 20 pages stays within 10–20 MB.
 * - Grey scans (1 or 2 channels in) stay grey: a one-channel JPEG. For black text on white paper that
 *   saves almost nothing (the chroma of a neutral page costs little), for stamps and photos it does.
 *   Lineart (1-bit) is stored as grey JPEG too; PNG would keep it smaller, but one format keeps the
 *   PDF assembly simple.
 * - **Time**, one core (`taskset -c 0`, `sharp.concurrency(1)`), A4 at 300 dpi colour from the scanner's
 *   PNG to JPEG + thumbnail + blank verdict: about 80 ms for a clean page, 140–180 ms with heavy
 *   synthetic noise (±3 levels on every pixel, which inflates both PNG decoding and JPEG coding);
 *   sharp's bare encode + 240 px resize of the same raw pixels takes 55–75 ms (so 2–2.5× that).
 * - **Thumbnail 240 px wide** (`THUMBNAIL_WIDTH`), JPEG quality 70: enough for a strip of pages
 *   beside the checklist (and 2× for a 120 px slot on a HiDPI screen).
 * - **Limits**: at most `MAX_INPUT_PIXELS` = 100 million pixels (A3 at 600 dpi is 70 M, A4 at
 *   1200 dpi 139 M is refused) and `MAX_INPUT_BYTES` = 200 MB. The pixel count is checked from the
 *   header before anything is decoded, so a PNG that declares 20000×20000 in a few kilobytes (a
 *   "decompression bomb") costs nothing; sharp's `limitInputPixels` backs that up while decoding.
 * - Decoding fails on real errors (`failOn: 'error'`: a truncated JPEG or PNG), not on the warnings
 *   some cameras' JPEGs produce ("extraneous bytes before marker"); the image is usable then.
 * - Accepted formats: JPEG, PNG, TIFF (first page unless `page` says), WebP. Not SVG (a vector file
 *   can reference other files and is not a scan), not GIF or HEIF; PDF import is separate work.
 * - **Blank pages** are flagged, never dropped: `blank: true` with the measures that led to it, and the
 *   caller keeps the page (excluded from the material until the clerk says otherwise). See `BLANK`.
 */
export const JPEG_QUALITY = 80;

// libvips' operation cache keeps recent results (up to 50 MB and 100 operations by default) for a
// pipeline run again on the same input; every page here is new, so it would only hold memory. What
// does bound the peak is glibc's allocator: bench/scan.bench.ts over 50 pages peaks at ~710 MB RSS
// with the default arenas and ~400 MB with MALLOC_ARENA_MAX=2 (about 10 % slower), which the Linux
// launcher should set (README, "Scanning").
sharp.cache(false);
export const THUMBNAIL_WIDTH = 240;
export const THUMBNAIL_QUALITY = 70;
export const MAX_INPUT_PIXELS = 100_000_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/**
 * Blank-page detection. The page (after rotation and crop) is reduced to grey at `analysisWidth`
 * pixels wide (about 60 dpi for A4: a 2-pixel stroke at 300 dpi still darkens its cell by ~40 %),
 * a `margin` share is ignored on every side (shadows of the lid and edges, punched holes), and
 * - `paper` is the luminance of the paper, the 90th percentile of the pixels (0–255);
 * - `inkShare` is the share of pixels darker than the paper by more than `inkDelta` levels (so grey or
 *   yellowed paper and show-through from the back do not count as ink);
 * - `stdev` is the standard deviation of the luminance.
 * A page is blank when the paper is light (`paper ≥ minPaper`: a black page is not "blank"),
 * `inkShare ≤ maxInkShare` and `stdev ≤ maxStdev`.
 *
 * Defaults, measured on A4 pages at 300 dpi (2480×3508) rendered for the purpose: ink share of a
 * white page with scanner noise 0, with three specks of dust 0.001–0.002 %, with only a page number
 * ("- 2 -", 3 mm high) 0.004 %, with a short ballpoint signature 0.03 %, with one line of 10 pt text
 * 0.3 %, full text 13 %; show-through of a printed back side and a light-grey form box are 0 (less
 * than `inkDelta` = 80 levels below the paper). So `maxInkShare` = 0.01 %: a lone page number counts
 * as blank, a signature does not (3× margin), dust is 5× below. Standard deviation: 0.3–0.9 for
 * blank pages, 6–9 with heavy show-through, 7.5 for one line of text; `maxStdev` = 10 keeps pages
 * with large mid-grey areas (photos, shaded forms) from ever counting as blank.
 */
export interface BlankThresholds {
  analysisWidth: number;
  margin: number;
  inkDelta: number;
  maxInkShare: number;
  maxStdev: number;
  minPaper: number;
}

export const BLANK: Readonly<BlankThresholds> = {
  analysisWidth: 500,
  margin: 0.04,
  inkDelta: 80,
  maxInkShare: 0.0001,
  maxStdev: 10,
  minPaper: 128,
};

export interface Blankness {
  blank: boolean;
  /** Luminance of the paper, 0–255. */
  paper: number;
  /** Share of ink pixels, 0–1. */
  inkShare: number;
  /** Standard deviation of the luminance, 0–255 scale. */
  stdev: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/** A rectangle in pixels of the page as the clerk sees it: after EXIF orientation and `rotate`. */
export interface Crop {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PageWork {
  /** Clockwise quarter turns, applied after the EXIF orientation. */
  rotate?: Rotation;
  crop?: Crop;
  /** JPEG quality 1–100; default `JPEG_QUALITY` (80). */
  quality?: number;
  /** Default `THUMBNAIL_WIDTH` (240). */
  thumbnailWidth?: number;
  /** Written into the JPEG (JFIF density) when known: a scanner's resolution. */
  dpi?: number;
  /** The page of a multi-page TIFF, 0-based; default 0. */
  page?: number;
  maxInputPixels?: number;
  maxInputBytes?: number;
  blank?: Partial<BlankThresholds>;
}

export interface ImageInfo {
  format: 'jpeg' | 'png' | 'tiff' | 'webp';
  /** As stored (before EXIF orientation). */
  width: number;
  height: number;
  /** EXIF orientation 1–8, 1 when there is none. */
  orientation: number;
  /** Width and height once upright (EXIF orientation applied). */
  uprightWidth: number;
  uprightHeight: number;
  channels: number;
  /** Pages in the file (TIFF), else 1. */
  pages: number;
}

export interface PreparedPage {
  jpeg: Buffer;
  width: number;
  height: number;
  /** 1: grey, 3: colour. */
  channels: 1 | 3;
  thumbnail: Buffer;
  thumbnailWidth: number;
  thumbnailHeight: number;
  blank: boolean;
  blankness: Blankness;
  source: ImageInfo;
}

const FORMATS = new Set(['jpeg', 'png', 'tiff', 'webp']);

/** Reads the header only: format, size, orientation. Refuses what `preparePage` would refuse. */
export async function inspectImage(bytes: Uint8Array, limits: Pick<PageWork, 'maxInputPixels' | 'maxInputBytes'> = {}): Promise<ImageInfo> {
  const maxBytes = limits.maxInputBytes ?? MAX_INPUT_BYTES;
  const maxPixels = limits.maxInputPixels ?? MAX_INPUT_PIXELS;
  if (bytes.byteLength === 0) throw new PageError('image_empty', 'The file is empty (0 bytes).');
  if (bytes.byteLength > maxBytes) throw new PageError('image_too_large', `The file has ${bytes.byteLength} bytes; at most ${maxBytes} are accepted.`);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (err) {
    throw pageErrorOf(err);
  }
  if (!FORMATS.has(meta.format)) throw new PageError('image_unsupported', `${meta.format.toUpperCase()} is not accepted as a page; JPEG, PNG, TIFF and WebP are.`);
  const width = meta.width;
  const height = meta.height;
  if (!(width > 0 && height > 0)) throw new PageError('image_corrupt', 'The image does not say how large it is.');
  if (width * height > maxPixels) {
    throw new PageError('image_too_large', `The image declares ${width}×${height} pixels (${Math.round((width * height) / 1e6)} million); at most ${Math.round(maxPixels / 1e6)} million are accepted.`);
  }
  const orientation = meta.orientation ?? 1;
  return {
    format: meta.format as ImageInfo['format'],
    width,
    height,
    orientation,
    uprightWidth: meta.autoOrient?.width ?? (orientation >= 5 ? height : width),
    uprightHeight: meta.autoOrient?.height ?? (orientation >= 5 ? width : height),
    channels: meta.channels,
    pages: meta.pages ?? 1,
  };
}

/**
 * The whole page work: check, decode once (upright, rotated, cropped, flattened onto white), then
 * the stored JPEG, the thumbnail and the blank verdict from the same pixels. Rejects with a
 * `PageError` for a file it cannot use; anything else it throws is a bug.
 */
export async function preparePage(bytes: Uint8Array, work: PageWork = {}): Promise<PreparedPage> {
  const info = await inspectImage(bytes, work);
  const page = work.page ?? 0;
  if (!Number.isInteger(page) || page < 0 || page >= info.pages) throw new PageError('image_unsupported', `The file has ${info.pages} page(s); page ${page + 1} was asked for.`, 'page');
  const rotate = work.rotate ?? 0;
  if (![0, 90, 180, 270].includes(rotate)) throw new RangeError(`rotate must be 0, 90, 180 or 270, not ${String(rotate)}`);
  const quality = work.quality ?? JPEG_QUALITY;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`quality must be an integer 1–100, not ${quality}`);

  const turned = rotate === 90 || rotate === 270;
  const w = turned ? info.uprightHeight : info.uprightWidth;
  const h = turned ? info.uprightWidth : info.uprightHeight;
  const crop = work.crop;
  if (crop) {
    const ok = [crop.left, crop.top, crop.width, crop.height].every((n) => Number.isInteger(n)) && crop.left >= 0 && crop.top >= 0 && crop.width > 0 && crop.height > 0 && crop.left + crop.width <= w && crop.top + crop.height <= h;
    if (!ok) throw new PageError('invalid_crop', `The crop ${crop.width}×${crop.height} at ${crop.left},${crop.top} is not inside the ${w}×${h} page.`, 'crop');
  }

  const grey = info.channels <= 2;
  let pipeline = sharp(bytes, { failOn: 'error', limitInputPixels: work.maxInputPixels ?? MAX_INPUT_PIXELS, autoOrient: true, page, pages: 1 });
  if (rotate !== 0) pipeline = pipeline.rotate(rotate);
  if (crop) pipeline = pipeline.extract(crop);
  pipeline = pipeline.flatten({ background: '#ffffff' }).toColourspace(grey ? 'b-w' : 'srgb');
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw pageErrorOf(err);
  }
  const channels = decoded.info.channels === 1 ? 1 : 3;
  const raw = { width: decoded.info.width, height: decoded.info.height, channels } as const;
  if (decoded.info.channels !== channels) throw new Error(`decoded page has ${decoded.info.channels} channels`);

  const thumbWidth = Math.min(work.thumbnailWidth ?? THUMBNAIL_WIDTH, raw.width);
  // Raw pixels carry no colour space: say it, or one channel would be written as three.
  const space = channels === 1 ? 'b-w' : 'srgb';
  let encoder = sharp(decoded.data, { raw }).toColourspace(space).jpeg({ quality, optimiseCoding: true });
  if (work.dpi !== undefined && work.dpi > 0) encoder = encoder.withMetadata({ density: work.dpi });
  const [jpeg, thumb, blankness] = await Promise.all([
    encoder.toBuffer(),
    sharp(decoded.data, { raw }).resize({ width: thumbWidth }).toColourspace(space).jpeg({ quality: THUMBNAIL_QUALITY }).toBuffer({ resolveWithObject: true }),
    measureBlank(decoded.data, raw, work.blank),
  ]);
  return {
    jpeg,
    width: raw.width,
    height: raw.height,
    channels,
    thumbnail: thumb.data,
    thumbnailWidth: thumb.info.width,
    thumbnailHeight: thumb.info.height,
    blank: blankness.blank,
    blankness,
    source: info,
  };
}

/** The blank verdict for an image file (decoded upright, as `preparePage` sees it). */
export async function detectBlank(bytes: Uint8Array, thresholds?: Partial<BlankThresholds>): Promise<Blankness> {
  await inspectImage(bytes);
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return await measureBlank(data, { width: info.width, height: info.height, channels: 1 }, thresholds);
  } catch (err) {
    throw pageErrorOf(err);
  }
}

async function measureBlank(pixels: Buffer, raw: { width: number; height: number; channels: 1 | 3 }, overrides: Partial<BlankThresholds> = {}): Promise<Blankness> {
  const t = { ...BLANK, ...overrides };
  const width = Math.max(1, Math.min(t.analysisWidth, raw.width));
  const { data, info } = await sharp(pixels, { raw })
    .resize({ width, kernel: 'linear' })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const mx = Math.floor(info.width * t.margin);
  const my = Math.floor(info.height * t.margin);
  const histogram = new Uint32Array(256);
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let y = my; y < info.height - my; y++) {
    const row = y * info.width;
    for (let x = mx; x < info.width - mx; x++) {
      const v = data[row + x] ?? 255;
      histogram[v] = (histogram[v] ?? 0) + 1;
      n++;
      sum += v;
      squares += v * v;
    }
  }
  if (n === 0) return { blank: true, paper: 255, inkShare: 0, stdev: 0 };
  const mean = sum / n;
  const stdev = Math.sqrt(Math.max(0, squares / n - mean * mean));
  let paper = 255;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += histogram[v] ?? 0;
    if (seen >= n * 0.9) {
      paper = v;
      break;
    }
  }
  let ink = 0;
  for (let v = 0; v < paper - t.inkDelta; v++) ink += histogram[v] ?? 0;
  const inkShare = ink / n;
  const blank = paper >= t.minPaper && inkShare <= t.maxInkShare && stdev <= t.maxStdev;
  return { blank, paper, inkShare, stdev: Math.round(stdev * 100) / 100 };
}

/** A sharp failure → the `PageError` it means. */
function pageErrorOf(err: unknown): PageError {
  if (err instanceof PageError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/buffer is empty/i.test(message)) return new PageError('image_empty', 'The file is empty (0 bytes).');
  if (/unsupported image format/i.test(message)) return new PageError('image_unsupported', 'The file is not an image in a format the app reads (JPEG, PNG, TIFF, WebP).');
  if (/pixel limit/i.test(message)) return new PageError('image_too_large', `The image has more pixels than accepted: ${message}`);
  return new PageError('image_corrupt', `The image is damaged and cannot be read: ${message}`);
}
