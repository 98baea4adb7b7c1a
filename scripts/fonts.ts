import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTICE_FONT_SPECS, type FontSource, type FontSpec } from '../main/notices/fonts.js';

/**
 * Puts the notice fonts into resources/fonts (see resources/fonts/README.md):
 * - NotoSerifCJKsc-Regular.otf (the notices' face) and NotoSansCJKsc-Regular.otf (its stand-in, in
 *   git): the SC faces extracted from Debian's fonts-noto-cjk collections (NotoSerifCJK-Regular.ttc,
 *   NotoSansCJK-Regular.ttc) into standalone OpenType files, byte for byte reproducible;
 * - HanaMinB.ttf: copied from Debian's fonts-hanazono;
 * - BabelStoneHan.ttf: copied from Debian's fonts-babelstone-han, with its licence
 *   (BabelStoneHan.COPYRIGHT, the package's copyright file) beside it.
 * A file already there is kept (checked for the right PostScript name) unless --force is given.
 *
 *   npx tsx scripts/fonts.ts            fetch what is missing
 *   npx tsx scripts/fonts.ts --force    extract and copy again
 *   npx tsx scripts/fonts.ts --check    only report; exit 1 if the primary font is missing
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fontDir = join(root, 'resources', 'fonts');

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

function tableRecords(font: Buffer, at: number): TableRecord[] {
  const count = font.readUInt16BE(at + 4);
  const out: TableRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = at + 12 + 16 * i;
    out.push({ tag: font.toString('latin1', r, r + 4), offset: font.readUInt32BE(r + 8), length: font.readUInt32BE(r + 12) });
  }
  return out;
}

/** nameID 6 (PostScript name) from the name table: Windows Unicode, else Macintosh Roman. */
export function postscriptNameOf(font: Buffer, at = 0): string | null {
  const name = tableRecords(font, at).find((t) => t.tag === 'name');
  if (!name) return null;
  const base = name.offset;
  const count = font.readUInt16BE(base + 2);
  const strings = base + font.readUInt16BE(base + 4);
  let mac: string | null = null;
  for (let i = 0; i < count; i += 1) {
    const r = base + 6 + 12 * i;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => font.readUInt16BE(r + o)) as [number, number, number, number, number, number];
    if (nameId !== 6) continue;
    const raw = font.subarray(strings + offset, strings + offset + length);
    if (platform === 3 || platform === 0) return Buffer.from(raw).swap16().toString('utf16le');
    if (platform === 1) mac = raw.toString('latin1');
  }
  return mac;
}

/** The offsets of a file's faces: one for a plain font, several for a collection ('ttcf'). */
function faceOffsets(file: Buffer): number[] {
  if (file.toString('latin1', 0, 4) !== 'ttcf') return [0];
  const n = file.readUInt32BE(8);
  return Array.from({ length: n }, (_, i) => file.readUInt32BE(12 + 4 * i));
}

const pad4 = (n: number): number => (n + 3) & ~3;

function checksum(data: Buffer): number {
  const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/**
 * One face of a collection as a standalone sfnt: the same tables, laid out one after another, with
 * checksums and head.checkSumAdjustment computed as the OpenType spec says.
 */
export function extractFace(collection: Buffer, postscriptName: string): Buffer {
  const at = faceOffsets(collection).find((o) => postscriptNameOf(collection, o) === postscriptName);
  if (at === undefined) throw new Error(`no face ${postscriptName} in the collection`);
  const tables = tableRecords(collection, at).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  const headerSize = 12 + 16 * n;
  const size = headerSize + tables.reduce((s, t) => s + pad4(t.length), 0);
  const out = Buffer.alloc(size);
  const power = 2 ** Math.floor(Math.log2(n));
  out.writeUInt32BE(collection.readUInt32BE(at), 0); // sfnt version: 'OTTO' or 0x00010000
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(n * 16 - power * 16, 10);
  let offset = headerSize;
  let headOffset = -1;
  tables.forEach((t, i) => {
    const data = Buffer.from(collection.subarray(t.offset, t.offset + t.length));
    if (t.tag === 'head') {
      data.writeUInt32BE(0, 8); // checkSumAdjustment is 0 while checksums are computed
      headOffset = offset;
    }
    data.copy(out, offset);
    const r = 12 + 16 * i;
    out.write(t.tag, r, 'latin1');
    out.writeUInt32BE(checksum(data), r + 4);
    out.writeUInt32BE(offset, r + 8);
    out.writeUInt32BE(t.length, r + 12);
    offset += pad4(t.length);
  });
  if (headOffset < 0) throw new Error('the face has no head table');
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8);
  return out;
}

function describe(path: string): string {
  return `${(statSync(path).size / 1048576).toFixed(1)} MB`;
}

function materialise(spec: FontSpec, force: boolean, checkOnly: boolean): 'ok' | 'missing' {
  const target = join(fontDir, spec.file);
  if (existsSync(target) && !force) {
    const name = postscriptNameOf(readFileSync(target));
    if (name !== spec.postscriptName) throw new Error(`${target} holds ${name ?? 'no PostScript name'}, not ${spec.postscriptName}; run with --force`);
    console.log(`fonts: ${spec.file} present (${describe(target)})`);
    return 'ok';
  }
  const source: FontSource | undefined = spec.system.find((s) => existsSync(s.path));
  if (checkOnly || !source) {
    const how = spec.system.map((s) => `${s.path} (Debian package ${s.debianPackage})`).join(' or ');
    console.log(`fonts: ${spec.file} missing${checkOnly ? '' : `; install ${how}`}`);
    return 'missing';
  }
  mkdirSync(fontDir, { recursive: true });
  if (source.face) {
    writeFileSync(target, extractFace(readFileSync(source.path), source.face));
    console.log(`fonts: ${spec.file} extracted from ${source.path} (${describe(target)})`);
  } else {
    copyFileSync(source.path, target);
    console.log(`fonts: ${spec.file} copied from ${source.path} (${describe(target)})`);
  }
  if (source.licence && existsSync(source.licence)) {
    // Its licence travels with it (the Arphic Public License asks for that).
    copyFileSync(source.licence, join(fontDir, spec.file.replace(/\.[^.]+$/, '.COPYRIGHT')));
  }
  return 'ok';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  const results = NOTICE_FONT_SPECS.map((spec) => ({ spec, result: materialise(spec, args.has('--force'), args.has('--check')) }));
  const primaryMissing = results.some((r) => r.spec.role === 'primary' && r.result === 'missing');
  const fallbackMissing = results.some((r) => r.spec.role === 'fallback' && r.result === 'missing');
  if (fallbackMissing) console.log('fonts: without the fallback font, names with rare characters outside the primary font print as empty boxes');
  process.exitCode = primaryMissing ? 1 : 0;
}
