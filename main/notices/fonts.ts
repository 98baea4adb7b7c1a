import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlyphCoverage } from '../../core/notices/fallback.js';
import { NOTICE_FONT } from '../../core/notices/pdf.js';
import { resourcePath } from '../resources.js';

/**
 * The fonts the notices print in (see resources/fonts/README.md for the choice and the licences).
 *
 * - Noto Serif CJK SC (SIL OFL 1.1): the Song/Ming face of the whole notice (GB/T 9704 habits), for
 *   GB 18030's common set, 通用规范汉字表 and the Extension A–B characters common in names. Its SC
 *   face is extracted from Debian's fonts-noto-cjk collection by scripts/fonts.ts (23 MB, not in git).
 * - Noto Sans CJK SC (SIL OFL 1.1, in git): stands in for the serif face on a machine that has neither
 *   the extracted file nor the Debian collection, so a clone still prints (in the wrong face).
 * - HanaMinB (花園明朝B, SIL OFL 1.1): a Ming face for almost all of CJK Extensions B–F, the rare
 *   characters Noto lacks. Copied from Debian's fonts-hanazono at build time; read on first need.
 * - BabelStone Han (Arphic Public License; some symbols CC BY-SA): what neither has, such as the
 *   Extension A characters of Unicode 13 (U+4DB6–4DBF), the URO's last ones (U+9FD6–9FFF) and
 *   Extensions G–H; last in the chain, read on first need. Private-use code points are never
 *   printed by a fallback font (its private glyphs mean nothing to the reader): they go missing.
 *
 * Each font is read and parsed once per process and shared by every document (see render.ts for
 * how a document gets its own glyph cache on top of the shared tables).
 */

export interface FontSource {
  path: string;
  /** The face's PostScript name inside a collection (.ttc). */
  face?: string;
  /** The Debian package that installs it. */
  debianPackage: string;
  /** The licence file the package installs, shipped beside the copied font (scripts/fonts.ts). */
  licence?: string;
}

export interface FontSpec {
  /** The family name document definitions use. */
  family: string;
  /** The shipped file, under resources/fonts. */
  file: string;
  postscriptName: string;
  /** primary: what definitions name; substitute: the primary's stand-in; fallback: per character, in order. */
  role: 'primary' | 'substitute' | 'fallback';
  /** The family to print in when this one is found nowhere. */
  substitute?: string;
  /** Where a machine has it when the shipped file is absent: for scripts/fonts.ts and development. */
  system: FontSource[];
}

export const SANS_FONT = 'NoticeSans';
export const FALLBACK_FONT = 'NoticeHanaMinB';
export const LAST_RESORT_FONT = 'NoticeBabelStoneHan';

export const NOTICE_FONT_SPECS: readonly FontSpec[] = [
  {
    family: NOTICE_FONT,
    file: 'NotoSerifCJKsc-Regular.otf',
    postscriptName: 'NotoSerifCJKsc-Regular',
    role: 'primary',
    substitute: SANS_FONT,
    system: [{ path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular', debianPackage: 'fonts-noto-cjk' }],
  },
  {
    family: SANS_FONT,
    file: 'NotoSansCJKsc-Regular.otf',
    postscriptName: 'NotoSansCJKsc-Regular',
    role: 'substitute',
    system: [{ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' }],
  },
  {
    family: FALLBACK_FONT,
    file: 'HanaMinB.ttf',
    postscriptName: 'HanaMinB',
    role: 'fallback',
    system: [{ path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', debianPackage: 'fonts-hanazono' }],
  },
  {
    family: LAST_RESORT_FONT,
    file: 'BabelStoneHan.ttf',
    postscriptName: 'BabelStoneHan',
    role: 'fallback',
    system: [{ path: '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf', debianPackage: 'fonts-babelstone-han', licence: '/usr/share/doc/fonts-babelstone-han/copyright' }],
  },
];

/** Private use areas: a fallback font's glyph there is its own invention, not the character meant. */
export function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);
}

/** The parts of a fontkit font this code uses (fontkit is pdfkit's font parser). */
export interface FontkitFont {
  postscriptName: string;
  numGlyphs: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export interface LoadedFont {
  spec: FontSpec;
  /** The file it was read from. */
  path: string;
  bytes: number;
  /** Parsed once; never laid out directly (see render.ts). */
  font: FontkitFont;
}

/** Turns font bytes (and the face's name, for a collection) into a parsed font; render.ts gives the one pdfkit uses. */
export type FontParser = (bytes: Uint8Array, face: string | undefined) => FontkitFont;

export class FontUnavailableError extends Error {
  constructor(spec: FontSpec, tried: string[]) {
    super(
      `font ${spec.postscriptName} not found; looked in ${tried.join(', ')}. ` +
        `Run \`npx tsx scripts/fonts.ts\` on a machine with the Debian package ${spec.system.map((s) => s.debianPackage).join(' or ')}.`,
    );
    this.name = 'FontUnavailableError';
  }
}

/** Where to look for a font: the shipped file first, then the system's. */
export function fontCandidates(spec: FontSpec, dirs: readonly string[]): FontSource[] {
  return [...dirs.map((d) => ({ path: join(d, spec.file), debianPackage: spec.system[0]?.debianPackage ?? '' })), ...spec.system];
}

/**
 * The fonts of this process, loaded lazily: the primary on first use, the fallbacks the first time
 * a character is not in the primary. Which font prints a code point is memoised.
 */
export class NoticeFontSet implements GlyphCoverage {
  readonly primary = NOTICE_FONT;
  private readonly loaded = new Map<string, LoadedFont | null>();
  private readonly byCodePoint = new Map<number, string | null>();
  /** How many font files this set has read and parsed (each at most once). */
  parsed = 0;

  constructor(
    private readonly parse: FontParser,
    private readonly dirs: readonly string[] = [resourcePath('fonts')],
    private readonly specs: readonly FontSpec[] = NOTICE_FONT_SPECS,
  ) {}

  /**
   * The loaded font of a family: its own file, else its substitute's (the serif face's stand-in);
   * throws FontUnavailableError when neither can be found.
   */
  font(family: string): LoadedFont {
    const spec = this.specs.find((s) => s.family === family);
    if (!spec) throw new Error(`no font family "${family}" for notices`);
    const f = this.load(spec) ?? (spec.substitute !== undefined ? this.loadFamily(spec.substitute) : null);
    if (!f) throw new FontUnavailableError(spec, fontCandidates(spec, this.dirs).map((c) => c.path));
    return f;
  }

  private loadFamily(family: string): LoadedFont | null {
    const spec = this.specs.find((s) => s.family === family);
    return spec ? this.load(spec) : null;
  }

  /** The fallback fonts that could be loaded (absent ones are skipped; their characters go missing). */
  fallbacks(): LoadedFont[] {
    return this.specs.filter((s) => s.role === 'fallback').flatMap((s) => this.load(s) ?? []);
  }

  familyFor(codePoint: number): string | null {
    const known = this.byCodePoint.get(codePoint);
    if (known !== undefined) return known;
    const family = this.font(this.primary).font.hasGlyphForCodePoint(codePoint)
      ? this.primary
      : isPrivateUse(codePoint)
        ? null
        : this.firstFallbackWith(codePoint);
    this.byCodePoint.set(codePoint, family);
    return family;
  }

  /** The first fallback, in order, that has the glyph; each file is read only when the ones before it lack it. */
  private firstFallbackWith(codePoint: number): string | null {
    for (const spec of this.specs) {
      if (spec.role !== 'fallback') continue;
      if (this.load(spec)?.font.hasGlyphForCodePoint(codePoint)) return spec.family;
    }
    return null;
  }

  /** What is loaded now, for diagnostics. */
  status(): { family: string; path: string | null; bytes: number }[] {
    return this.specs.map((s) => {
      const f = this.loaded.get(s.family);
      return { family: s.family, path: f?.path ?? null, bytes: f?.bytes ?? 0 };
    });
  }

  private load(spec: FontSpec): LoadedFont | null {
    if (this.loaded.has(spec.family)) return this.loaded.get(spec.family) ?? null;
    let result: LoadedFont | null = null;
    for (const c of fontCandidates(spec, this.dirs)) {
      if (!existsSync(c.path)) continue;
      const bytes = readFileSync(c.path);
      const font = this.parse(bytes, c.face);
      this.parsed += 1;
      if (font.postscriptName !== spec.postscriptName) throw new Error(`${c.path} holds ${font.postscriptName}, not ${spec.postscriptName}`);
      result = { spec, path: c.path, bytes: bytes.byteLength, font };
      break;
    }
    this.loaded.set(spec.family, result);
    return result;
  }
}
