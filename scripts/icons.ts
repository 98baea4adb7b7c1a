import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/**
 * Renders resources/build/icon.svg into what electron-builder takes: icons/<n>x<n>.png for Linux
 * (deb, rpm, AppImage), icon.png (512) and icon.ico for Windows. The outputs are committed; run this
 * again after changing the SVG: `npx tsx scripts/icons.ts`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'resources', 'build');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

async function render(svg: Buffer, size: number): Promise<sharp.Sharp> {
  return sharp(svg, { density: Math.ceil((72 * size) / 512) * 2 }).resize(size, size).ensureAlpha();
}

/**
 * An ICO of 32-bit BMP images (what NSIS and older Windows read) and a PNG for 256 px (Vista and
 * later; a 256 px BMP would be 256 KB). Each BMP is BGRA rows bottom-up plus the 1-bit AND mask.
 */
export function encodeIco(images: { size: number; rgba: Buffer; png: Buffer }[]): Buffer {
  const entries: Buffer[] = [];
  const bodies: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, rgba, png } of images) {
    let body: Buffer;
    if (size >= 256) body = png;
    else {
      const header = Buffer.alloc(40);
      header.writeUInt32LE(40, 0);
      header.writeInt32LE(size, 4);
      header.writeInt32LE(size * 2, 8); // colour rows + mask rows
      header.writeUInt16LE(1, 12);
      header.writeUInt16LE(32, 14);
      const pixels = Buffer.alloc(size * size * 4);
      for (let y = 0; y < size; y += 1) {
        for (let x = 0; x < size; x += 1) {
          const from = ((size - 1 - y) * size + x) * 4;
          const to = (y * size + x) * 4;
          pixels.writeUInt32LE(((rgba.readUInt32BE(from) >>> 8) | (rgba.readUInt8(from + 3) << 24)) >>> 0, to); // RGBA -> BGRA
        }
      }
      const maskRow = Math.ceil(size / 32) * 4;
      body = Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]); // alpha decides; mask all 0
    }
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(body.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += body.length;
    entries.push(entry);
    bodies.push(body);
  }
  const head = Buffer.alloc(6);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  return Buffer.concat([head, ...entries, ...bodies]);
}

async function main(): Promise<void> {
  const svg = readFileSync(join(buildDir, 'icon.svg'));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) {
    const png = await (await render(svg, size)).png({ compressionLevel: 9 }).toBuffer();
    writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png);
    if (size === 512) writeFileSync(join(buildDir, 'icon.png'), png);
  }
  const images = [];
  for (const size of ICO_SIZES) {
    const img = await render(svg, size);
    images.push({ size, rgba: await img.clone().raw().toBuffer(), png: await img.png({ compressionLevel: 9 }).toBuffer() });
  }
  writeFileSync(join(buildDir, 'icon.ico'), encodeIco(images));
  console.log(`icons: ${LINUX_SIZES.length} PNG sizes and icon.ico written to resources/build`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
