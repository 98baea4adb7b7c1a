import { describe, expect, it } from 'vitest';
import { applyFontFallback, splitRuns, type GlyphCoverage } from './fallback.js';
import type { DocDefinition } from './pdf.js';

/** Primary has everything below U+20000 except 䶮 (U+4DAE); the fallback has Plane 2; U+9FFF is in neither. */
const coverage: GlyphCoverage = {
  primary: 'P',
  familyFor: (cp) => (cp === 0x9fff ? null : cp >= 0x20000 || cp === 0x4dae ? 'F' : 'P'),
};

const def = (content: DocDefinition['content']): DocDefinition => ({
  content,
  pageSize: 'A4',
  pageMargins: [10, 10, 10, 10],
  defaultStyle: { font: 'P' },
  info: { title: 't', creator: 'c', producer: 'p', creationDate: new Date(0) },
});

describe('per-character font fallback', () => {
  it('leaves a string the primary font prints alone', () => {
    expect(splitRuns('陈堃 张喆 赵赟 ABC', coverage)).toBeNull();
  });

  it('splits a name into runs by font, keeping surrogate pairs whole', () => {
    expect(splitRuns('王𠮷先生', coverage)).toEqual(['王', { text: '𠮷', font: 'F' }, '先生']);
    expect(splitRuns('李䶮', coverage)).toEqual(['李', { text: '䶮', font: 'F' }]);
    expect(splitRuns('𠮷𠮷王', coverage)).toEqual([{ text: '𠮷𠮷', font: 'F' }, '王']);
  });

  it('keeps a variation selector and spaces with the character before them', () => {
    // U+E0100 (an ideographic variation selector) belongs to 𠮷.
    expect(splitRuns('𠮷\u{E0100} 王', coverage)).toEqual([{ text: '𠮷\u{E0100} ', font: 'F' }, '王']);
  });

  it('reports characters no font has, and prints them in the primary font', () => {
    const missing = new Set<string>();
    expect(splitRuns('王\u9fff𠮷', coverage, missing)).toEqual(['王\u9fff', { text: '𠮷', font: 'F' }]);
    expect([...missing]).toEqual(['\u9fff']);
  });

  it('rewrites every string of a definition without changing the input', () => {
    const input = def([
      '王𠮷',
      { text: ['申请人：', { text: '李䶮', fontSize: 9 }] },
      { stack: [{ text: '陈堃' }, { columns: [{ text: '𠮷', width: '*' }] }] },
      { table: { body: [['赵赟', { text: '𠮷' }], [{ text: 'x', colSpan: 2 }, {}]] } },
    ]);
    const before = JSON.stringify(input);
    const { definition, missing } = applyFontFallback(input, coverage);
    expect(JSON.stringify(input)).toBe(before);
    expect(missing.size).toBe(0);
    expect(definition.content).toEqual([
      { text: ['王', { text: '𠮷', font: 'F' }] },
      { text: ['申请人：', { text: '李', fontSize: 9 }, { text: '䶮', fontSize: 9, font: 'F' }] },
      { stack: [{ text: '陈堃' }, { columns: [{ text: [{ text: '𠮷', font: 'F' }], width: '*' }] }] },
      { table: { body: [['赵赟', { text: [{ text: '𠮷', font: 'F' }] }], [{ text: 'x', colSpan: 2 }, {}]] } },
    ]);
  });

  it('applies to the header and footer too, when pdfmake calls them', () => {
    const input = { ...def('x'), header: () => '页眉𠮷' };
    const { definition } = applyFontFallback(input, coverage);
    expect(definition.header?.(1, 1)).toEqual({ text: ['页眉', { text: '𠮷', font: 'F' }] });
  });
});
