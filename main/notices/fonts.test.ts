import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFace, postscriptNameOf } from '../../scripts/fonts.js';
import { resourcePath } from '../resources.js';
import { fontCandidates, NOTICE_FONT_SPECS } from './fonts.js';

const [primary, fallback] = NOTICE_FONT_SPECS;
const shipped = resourcePath('fonts', primary!.file);
const ttc = primary!.system[0]!;

describe('notice fonts', () => {
  it('ships the primary font, which names itself NotoSansCJKsc-Regular', () => {
    expect(existsSync(shipped), `${shipped} is missing: run npx tsx scripts/fonts.ts`).toBe(true);
    expect(postscriptNameOf(readFileSync(shipped))).toBe('NotoSansCJKsc-Regular');
  });

  it('the shipped file is the SC face of Debian’s collection, extracted reproducibly', () => {
    expect(existsSync(ttc.path), `${ttc.path} is missing: apt-get install fonts-noto-cjk (npm test installs it: scripts/test-setup.sh)`).toBe(true);
    const collection = readFileSync(ttc.path);
    expect(extractFace(collection, ttc.face!).equals(readFileSync(shipped))).toBe(true);
    expect(() => extractFace(collection, 'NoSuchFace')).toThrow(/no face NoSuchFace/);
  });

  it('finds the fallback font for rare characters (install Debian’s fonts-hanazono, or run scripts/fonts.ts)', () => {
    const found = fontCandidates(fallback!, [resourcePath('fonts')]).find((c) => existsSync(c.path));
    expect(found, 'HanaMinB.ttf not found: `apt-get install fonts-hanazono` (scripts/install-system-deps.sh)').toBeDefined();
    expect(postscriptNameOf(readFileSync(found!.path))).toBe('HanaMinB');
  });
});
