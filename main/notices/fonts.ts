import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlyphCoverage } from '../../core/notices/fallback.js';
import { NOTICE_FONT } from '../../core/notices/pdf.js';
import { resourcePath } from '../resources.js';

/**
 * The fonts the notices print in (see resources/fonts/README.md for the choice and the licence).
 *
 * - Noto Sans CJK SC (SIL OFL 1.1): every character of GB 18030's common set, 通用规范汉字表, and the
 *   Extension A–B characters common in names (𠮷, 䶮, …). Shipped in resources/fonts as a single
 *   face extracted from Debian's fonts-noto-cjk collection by scripts/fonts.ts.
 * - HanaMinB (花園明朝B, SIL OFL 1.1): almost all of CJK Extensions B–F, for the rare characters
 *   Noto lacks. 30 MB, so it is not committed: scripts/fonts.ts copies it from Debian's
 *   fonts-hanazono at build time, and it is loaded only when a character needs it.
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
}

export interface FontSpec {
  /** The family name document definitions use. */
  family: string;
  /** The shipped file, under resources/fonts. */
  file: string;
  postscriptName: string;
  role: 'primary' | 'fallback';
  /** Where a machine has it when the shipped file is absent: for scripts/fonts.ts and development. */
  system: FontSource[];
}

export const FALLBACK_FONT = 'NoticeHanaMinB';

export const NOTICE_FONT_SPECS: readonly FontSpec[] = [
  {
    family: NOTICE_FONT,
    file: 'NotoSansCJKsc-Regular.otf',
    postscriptName: 'NotoSansCJKsc-Regular',
    role: 'primary',
    system: [{ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' }],
  },
  {
    family: FALLBACK_FONT,
    file: 'HanaMinB.ttf',
    postscriptName: 'HanaMinB',
    role: 'fallback',
    system: [{ path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', debianPackage: 'fonts-hanazono' }],
  },
];

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

  /** The loaded font of a family; throws FontUnavailableError when the primary cannot be found. */
  font(family: string): LoadedFont {
    const spec = this.specs.find((s) => s.family === family);
    if (!spec) throw new Error(`no font family "${family}" for notices`);
    const f = this.load(spec);
    if (!f) throw new FontUnavailableError(spec, fontCandidates(spec, this.dirs).map((c) => c.path));
    return f;
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
      : (this.fallbacks().find((f) => f.font.hasGlyphForCodePoint(codePoint))?.spec.family ?? null);
    this.byCodePoint.set(codePoint, family);
    return family;
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
