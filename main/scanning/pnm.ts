import sharp from 'sharp';

/**
 * PNM (netpbm) as `scanimage --format=pnm` writes it: P4 (1-bit), P5 (grey) and P6 (RGB), 8 or 16
 * bits, with `#` comment lines in the header (SANE writes `# SANE data follows`). sharp cannot read
 * PNM, so the driver turns it into PNG here. 16-bit samples are reduced to 8 bits (a counter's
 * documents need no more) and 1-bit to 8-bit grey (0 = white in PBM, 255 here).
 */
export interface PnmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** 8-bit samples, row by row, `channels` per pixel. */
  data: Buffer;
}

const MAX_PNM_PIXELS = 400_000_000;

export function parsePnm(bytes: Uint8Array): PnmImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`not a PNM image the scanner could have written: ${why}`);
  };
  const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
  const token = (): string => {
    for (;;) {
      while (isSpace(buf[pos])) pos++;
      if (buf[pos] !== 0x23) break; // '#': a comment to the end of the line
      while (pos < buf.length && buf[pos] !== 0x0a && buf[pos] !== 0x0d) pos++;
    }
    const start = pos;
    while (pos < buf.length && !isSpace(buf[pos]) && buf[pos] !== 0x23) pos++;
    if (start === pos) fail('the header ends early');
    return buf.toString('latin1', start, pos);
  };
  const number = (what: string): number => {
    const t = token();
    if (!/^\d{1,9}$/.test(t)) fail(`${what} is "${t}"`);
    return Number(t);
  };

  const magic = token();
  if (magic !== 'P4' && magic !== 'P5' && magic !== 'P6') fail(`magic "${magic.slice(0, 8)}"`);
  const width = number('the width');
  const height = number('the height');
  if (width < 1 || height < 1 || width * height > MAX_PNM_PIXELS) fail(`size ${width}×${height}`);
  const maxval = magic === 'P4' ? 1 : number('the maximum value');
  if (maxval < 1 || maxval > 65535) fail(`maximum value ${maxval}`);
  pos++; // exactly one whitespace byte separates the header from the samples

  if (magic === 'P4') {
    const rowBytes = Math.ceil(width / 8);
    if (buf.length - pos < rowBytes * height) fail('the samples are cut short');
    const data = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      const row = pos + y * rowBytes;
      for (let x = 0; x < width; x++) data[y * width + x] = ((buf[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
    return { width, height, channels: 1, data };
  }

  const channels = magic === 'P5' ? 1 : 3;
  const samples = width * height * channels;
  const wide = maxval > 255;
  if (buf.length - pos < samples * (wide ? 2 : 1)) fail('the samples are cut short');
  let data: Buffer;
  if (!wide) {
    data = Buffer.from(buf.subarray(pos, pos + samples));
    if (maxval !== 255) for (let i = 0; i < samples; i++) data[i] = Math.round(((data[i] ?? 0) * 255) / maxval);
  } else {
    data = Buffer.alloc(samples);
    for (let i = 0; i < samples; i++) data[i] = Math.round((buf.readUInt16BE(pos + 2 * i) * 255) / maxval);
  }
  return { width, height, channels, data };
}

/** PNM bytes → PNG bytes (zlib level 1: fast and lossless; the page work compresses for storage). */
export async function pnmToPng(bytes: Uint8Array): Promise<Buffer> {
  const img = parsePnm(bytes);
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .toColourspace(img.channels === 1 ? 'b-w' : 'srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
}
