import { describe, expect, it } from 'vitest';
import { checkText, codePointLength, findUnstorableText, storableCopy, unstorableAt } from './text.js';

describe('codePointLength', () => {
  it('counts a character outside the BMP once', () => {
    expect('𠮷'.length).toBe(2);
    expect(codePointLength('𠮷')).toBe(1);
    expect(codePointLength('吉𠮷家')).toBe(3);
    expect(codePointLength('')).toBe(0);
  });
});

describe('checkText', () => {
  const rules = { prefix: 'address', label: 'address', maxCodePoints: 10 } as const;

  it('uses the given prefix for its codes', () => {
    const r = checkText('', rules);
    expect(r.ok ? null : r.code).toBe('address_empty');
    const long = checkText('x'.repeat(11), rules);
    expect(long.ok ? null : long.code).toBe('address_too_long');
  });

  it('returns an empty string for blank input when the text is optional', () => {
    expect(checkText('  ', { ...rules, optional: true })).toEqual({ ok: true, value: '' });
  });

  it('still refuses control characters in optional text', () => {
    const r = checkText('a\nb', { ...rules, optional: true });
    expect(r.ok ? null : r.code).toBe('address_control_chars');
  });
});

describe('text no store can keep', () => {
  it('is U+0000 and lone surrogates, found at any depth (keys too) with its path; a pair and other text pass', () => {
    expect(unstorableAt('a\u0000b')).toBe(1);
    expect(unstorableAt('𠮷 \ud842\udfb7 ok')).toBe(-1);
    expect(unstorableAt('x\udfb7')).toBe(1);
    expect(findUnstorableText({ a: [{ b: 'fine' }, { c: 'no\u0000' }] })).toBe('a.1.c');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findUnstorableText({ a: 1, b: [null, true, '王𠮷'] })).toBeNull();
    expect(storableCopy('P\u0000D\ud800F')).toBe('P\ufffdD\ufffdF');
  });
});
