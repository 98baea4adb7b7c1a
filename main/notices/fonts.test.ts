import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFace, postscriptNameOf } from '../../scripts/fonts.js';
import { resourcePath } from '../resources.js';
import { fontCandidates, NOTICE_FONT_SPECS, type FontSpec } from './fonts.js';

const spec = (role: FontSpec['role'], n = 0): FontSpec => {
  const s = NOTICE_FONT_SPECS.filter((x) => x.role === role)[n];
  if (!s) throw new Error(`no ${role} font ${n}`);
  return s;
};
const [serif, sans, hanaMin, babelStone] = [spec('primary'), spec('substitute'), spec('fallback', 0), spec('fallback', 1)];
const found = (s: FontSpec) => fontCandidates(s, [resourcePath('fonts')]).find((c) => existsSync(c.path));

describe('notice fonts', () => {
  it('prints in Noto Serif CJK SC, found extracted in resources/fonts or in Debian’s collection (fonts-noto-cjk)', () => {
    const at = found(serif);
    expect(at, 'Noto Serif CJK SC not found: `apt-get install fonts-noto-cjk` (scripts/install-system-deps.sh), or run scripts/fonts.ts').toBeDefined();
    const bytes = readFileSync(at!.path);
    expect(at!.face ? extractFace(bytes, at!.face).length : bytes.length).toBeGreaterThan(10_000_000);
  });

  it('ships its stand-in, Noto Sans CJK SC, which names itself NotoSansCJKsc-Regular', () => {
    const shipped = resourcePath('fonts', sans.file);
    expect(existsSync(shipped), `${shipped} is missing: run npx tsx scripts/fonts.ts`).toBe(true);
    expect(postscriptNameOf(readFileSync(shipped))).toBe('NotoSansCJKsc-Regular');
  });

  it.runIf(existsSync(sans.system[0]!.path))('the shipped file is the SC face of Debian’s collection, extracted reproducibly', () => {
    const ttc = sans.system[0]!;
    const collection = readFileSync(ttc.path);
    expect(extractFace(collection, ttc.face!).equals(readFileSync(resourcePath('fonts', sans.file)))).toBe(true);
    expect(() => extractFace(collection, 'NoSuchFace')).toThrow(/no face NoSuchFace/);
  });

  it('extracts the serif face under its own PostScript name', () => {
    const ttc = serif.system[0]!;
    if (!existsSync(ttc.path)) return expect(found(serif)?.path).toMatch(/NotoSerifCJKsc-Regular\.otf$/);
    expect(postscriptNameOf(extractFace(readFileSync(ttc.path), ttc.face!))).toBe('NotoSerifCJKsc-Regular');
  });

  it('finds both fallbacks for rare characters: HanaMinB (fonts-hanazono) and BabelStone Han (fonts-babelstone-han)', () => {
    for (const [s, pkg] of [[hanaMin, 'fonts-hanazono'], [babelStone, 'fonts-babelstone-han']] as const) {
      const at = found(s);
      expect(at, `${s.file} not found: \`apt-get install ${pkg}\` (scripts/install-system-deps.sh)`).toBeDefined();
      expect(postscriptNameOf(readFileSync(at!.path))).toBe(s.postscriptName);
    }
  });
});
