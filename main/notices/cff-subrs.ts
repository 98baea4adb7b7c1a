/**
 * Compact subroutines for a CFF (OpenType/CFF) font subset.
 *
 * fontkit's CFF subsetter keeps every subroutine slot of the font and writes an unused one as a
 * 1-byte `return`, because glyph programs call subroutines by index. Noto Sans CJK has 1,246
 * global and up to 28,516 local subroutines per font dict, so a PDF with 250 distinct glyphs
 * carried ~140 KB of font, mostly the offsets of empty slots. This keeps only the subroutines the
 * subset's glyphs call, numbers them 0…n−1, and rewrites each call's operand for the new numbering
 * and bias (Adobe TN #5177, "Type 2 Charstring Format" §4.7). The glyph programs are otherwise copied
 * byte for byte: the rendered glyphs are identical (render.test.ts compares rasterised pages).
 *
 * Reading a Type 2 program needs only a little state: the operand stack depth (a `hintmask` takes
 * ⌈stems/8⌉ data bytes, and its operands, if any, declare vertical stems) and the stem count. Any
 * construct this reader does not model (arithmetic operators, a call whose index is not a literal
 * just before it, a subroutine whose hint masks would be read with different lengths from different
 * callers) makes it give up, and the subset is written fontkit's way: larger, never wrong.
 */

export interface CffIndexEntry {
  offset: number;
  length: number;
}

/** The parts of fontkit's decoded CFF table this uses. */
export interface CffTable {
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex: CffIndexEntry[];
  topDict: { FDArray?: { Private?: { Subrs?: CffIndexEntry[] } | null }[]; Private?: { Subrs?: CffIndexEntry[] } | null };
  fdForGlyph(gid: number): number | null;
  getCharString(gid: number): Uint8Array;
}

export interface CompactedSubset {
  /** The glyph programs in subset order, with calls renumbered. */
  charstrings: Uint8Array[];
  globalSubrs: Uint8Array[];
  /** Local subroutines by the font's FD index (CID-keyed fonts) or -1 (the top Private dict). */
  localSubrs: Map<number, Uint8Array[]>;
}

class GiveUp extends Error {}

/** The bias added to a subroutine operand, by the number of subroutines in the INDEX. */
export function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** The shortest Type 2 encoding of an integer operand. */
export function encodeInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) {
    const w = v - 108;
    return [(w >> 8) + 247, w & 0xff];
  }
  if (v >= -1131 && v <= -108) {
    const w = -v - 108;
    return [(w >> 8) + 251, w & 0xff];
  }
  if (v < -32768 || v > 32767) throw new RangeError(`operand ${v} out of range`);
  return [28, (v >> 8) & 0xff, v & 0xff];
}

interface Patch {
  start: number;
  end: number;
  key: string;
}

interface Program {
  bytes: Uint8Array;
  patches: Patch[];
}

interface SubrInfo extends Program {
  /** The data length of each hint mask in the subroutine, as first read: a later call must agree. */
  masks: number[];
}

interface State {
  depth: number;
  stems: number;
  done: boolean;
  nesting: number;
}

const PATH_OPERATORS = new Set([4, 5, 6, 7, 8, 21, 22, 24, 25, 26, 27, 30, 31]);
const STEM_OPERATORS = new Set([1, 3, 18, 23]);

export function compactSubroutines(cff: CffTable, glyphs: readonly number[]): CompactedSubset | null {
  try {
    return compact(cff, glyphs);
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

function compact(cff: CffTable, glyphs: readonly number[]): CompactedSubset {
  const read = (e: CffIndexEntry): Uint8Array => {
    cff.stream.pos = e.offset;
    return cff.stream.readBuffer(e.length);
  };
  const localIndex = (fd: number): CffIndexEntry[] => (fd < 0 ? cff.topDict.Private?.Subrs : cff.topDict.FDArray?.[fd]?.Private?.Subrs) ?? [];
  const globals = cff.globalSubrIndex;
  const subrs = new Map<string, SubrInfo>();
  /** Used subroutines in order of first use, per INDEX ('g' or the FD number). */
  const order = new Map<string, string[]>();

  const execute = (program: Program, record: boolean, fd: number, state: State): void => {
    const b = program.bytes;
    let i = 0;
    let last: { start: number; end: number; value: number | null } | null = null;
    let mask = 0;
    const masks = 'masks' in program ? (program as SubrInfo).masks : null;
    while (i < b.length && !state.done) {
      const v = b[i] ?? 0;
      if (v >= 32 || v === 28) {
        const start = i;
        let value: number | null;
        if (v === 28) {
          value = (((b[i + 1] ?? 0) << 24) >> 16) | (b[i + 2] ?? 0);
          i += 3;
        } else if (v <= 246) {
          value = v - 139;
          i += 1;
        } else if (v <= 250) {
          value = (v - 247) * 256 + (b[i + 1] ?? 0) + 108;
          i += 2;
        } else if (v <= 254) {
          value = -(v - 251) * 256 - (b[i + 1] ?? 0) - 108;
          i += 2;
        } else {
          value = null; // 16.16 fixed: never a subroutine number
          i += 5;
        }
        last = { start, end: i, value };
        state.depth += 1;
        continue;
      }
      const opStart = i;
      i += 1;
      if (v === 12) {
        const v2 = b[i] ?? 0;
        i += 1;
        if (v2 < 34 || v2 > 37) throw new GiveUp(); // only the flex operators are modelled
        state.depth = 0;
      } else if (STEM_OPERATORS.has(v)) {
        state.stems += state.depth >> 1;
        state.depth = 0;
      } else if (v === 19 || v === 20) {
        state.stems += state.depth >> 1;
        state.depth = 0;
        const length = (state.stems + 7) >> 3;
        i += length;
        if (masks && record) masks.push(length);
        else if (masks && masks[mask] !== length) throw new GiveUp();
        mask += 1;
      } else if (v === 10 || v === 29) {
        if (!last || last.end !== opStart || last.value === null) throw new GiveUp();
        state.depth -= 1;
        const kind = v === 29 ? 'g' : String(fd);
        const index = v === 29 ? globals : localIndex(fd);
        const n = last.value + subrBias(index.length);
        const entry = index[n];
        if (!entry) throw new GiveUp();
        const key = `${kind}:${n}`;
        let info = subrs.get(key);
        if (record) program.patches.push({ start: last.start, end: last.end, key });
        if (state.nesting > 10) throw new GiveUp(); // Type 2 allows 10 levels
        state.nesting += 1;
        if (!info) {
          info = { bytes: read(entry), patches: [], masks: [] };
          subrs.set(key, info);
          const list = order.get(kind) ?? [];
          list.push(key);
          order.set(kind, list);
          execute(info, true, fd, state);
        } else {
          execute(info, false, fd, state);
        }
        state.nesting -= 1;
      } else if (v === 11) {
        return;
      } else if (v === 14) {
        state.done = true;
        state.depth = 0;
      } else if (PATH_OPERATORS.has(v)) {
        state.depth = 0;
      } else {
        throw new GiveUp();
      }
      last = null;
    }
  };

  const programs: { program: Program; fd: number }[] = glyphs.map((gid) => {
    const fd = cff.topDict.FDArray ? (cff.fdForGlyph(gid) ?? 0) : -1;
    const program: Program = { bytes: cff.getCharString(gid), patches: [] };
    execute(program, true, fd, { depth: 0, stems: 0, done: false, nesting: 0 });
    return { program, fd };
  });

  // New numbers: in order of first use, per INDEX; the operand is the number minus the new bias.
  const operand = new Map<string, number>();
  for (const keys of order.values()) {
    const bias = subrBias(keys.length);
    keys.forEach((key, i) => operand.set(key, i - bias));
  }
  const emit = (p: Program): Uint8Array => {
    if (p.patches.length === 0) return p.bytes;
    const out: number[] = [];
    let at = 0;
    for (const patch of p.patches) {
      for (let i = at; i < patch.start; i += 1) out.push(p.bytes[i] ?? 0);
      out.push(...encodeInt(operand.get(patch.key) ?? 0));
      at = patch.end;
    }
    for (let i = at; i < p.bytes.length; i += 1) out.push(p.bytes[i] ?? 0);
    return Uint8Array.from(out);
  };
  const listOf = (kind: string): Uint8Array[] => (order.get(kind) ?? []).map((key) => emit(subrs.get(key) as SubrInfo));
  const localSubrs = new Map<number, Uint8Array[]>();
  for (const kind of order.keys()) if (kind !== 'g') localSubrs.set(Number(kind), listOf(kind));
  return { charstrings: programs.map(({ program }) => emit(program)), globalSubrs: listOf('g'), localSubrs };
}
