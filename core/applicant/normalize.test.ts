import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeDocumentNumber, removeSeparators, toHalfWidth, upperAscii } from './normalize.js';

/** ASCII digits and letters to their full-width forms, as an IME in full-width mode types them. */
const fullWidth = (s: string): string =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('toHalfWidth', () => {
  it('maps full-width digits and letters to ASCII', () => {
    expect(toHalfWidth('０１２３４５６７８９')).toBe('0123456789');
    expect(toHalfWidth('ＡＢＣＸＹＺａｂｃｘｙｚ')).toBe('ABCXYZabcxyz');
  });

  it('maps full-width + - ( ) and the ideographic space', () => {
    expect(toHalfWidth('＋８５２－（０２１）\u3000')).toBe('+852-(021) ');
  });

  it('leaves CJK characters and other full-width punctuation alone', () => {
    expect(toHalfWidth('张三，１号')).toBe('张三，1号');
  });

  it('is the inverse of the full-width mapping for every ASCII digit and letter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z]{0,30}$/), (s) => {
        expect(toHalfWidth(fullWidth(s))).toBe(s);
      }),
    );
  });
});

describe('removeSeparators', () => {
  it('removes spaces of every kind, zero-width characters and dashes', () => {
    expect(removeSeparators(' 1\u00A02\u30003\t4\u200B5\uFEFF6-7\u20138\u20149\u2212０\uFF0D1\u2010')).toBe('123456789０1');
  });
});

describe('upperAscii', () => {
  it('uppercases a-z only', () => {
    expect(upperAscii('abcxyz')).toBe('ABCXYZ');
  });

  it('does not turn look-alikes into ASCII letters (dotless ı stays ı, long ſ stays ſ)', () => {
    expect(upperAscii('ıſé')).toBe('ıſé');
  });
});

describe('normalizeDocumentNumber', () => {
  it('normalises full-width digits instead of rejecting them', () => {
    expect(normalizeDocumentNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });

  it('trims, removes inner spaces and hyphens, uppercases a lowercase x', () => {
    expect(normalizeDocumentNumber('  110105 1949-1231 002x\u3000')).toBe('11010519491231002X');
    expect(normalizeDocumentNumber('g-1234 5678')).toBe('G12345678');
  });

  it('leaves characters that do not belong for the format check to name', () => {
    expect(normalizeDocumentNumber('1101O5/1949')).toBe('1101O5/1949');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = normalizeDocumentNumber(s);
        expect(normalizeDocumentNumber(once)).toBe(once);
      }),
    );
  });
});
