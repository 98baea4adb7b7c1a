import { describe, expect, it } from 'vitest';
import { validatePhone } from './phone.js';

function accepted(raw: string): [string, string] | null {
  const r = validatePhone(raw);
  return r.ok ? [r.value.number, r.value.kind] : null;
}

function codeOf(raw: string): string {
  const r = validatePhone(raw);
  return r.ok ? 'accepted' : r.code;
}

describe('validatePhone: mainland mobile', () => {
  it('accepts 11 digits starting 13-19, however they are spaced', () => {
    for (const raw of ['13812345678', '138 1234 5678', '138-1234-5678', '19912345678', '16612345678', '１３８１２３４５６７８', ' 13812345678\u3000']) {
      expect(accepted(raw)?.[1], raw).toBe('mobile');
    }
    expect(accepted('138-1234-5678')).toEqual(['13812345678', 'mobile']);
  });

  it('refuses 11 digits starting 10, 11 or 12, and wrong lengths', () => {
    for (const raw of ['12812345678', '10012345678', '1381234567', '138123456789']) {
      expect(codeOf(raw), raw).toBe('phone_format');
    }
    const r = validatePhone('12812345678');
    if (!r.ok) expect(r.message).toContain('13 to 19');
  });
});

describe('validatePhone: mainland landline', () => {
  it('accepts area code + local number, stored with one hyphen', () => {
    expect(accepted('021-12345678')).toEqual(['021-12345678', 'landline']);
    expect(accepted('02112345678')).toEqual(['021-12345678', 'landline']);
    expect(accepted('(021) 6321 1234')).toEqual(['021-63211234', 'landline']);
    expect(accepted('（０２１）６３２１１２３４')).toEqual(['021-63211234', 'landline']);
    expect(accepted('010-87654321')).toEqual(['010-87654321', 'landline']);
    expect(accepted('0755-1234567')).toEqual(['0755-1234567', 'landline']);
    expect(accepted('0571 8765 4321')).toEqual(['0571-87654321', 'landline']);
  });

  it('refuses a local number without its area code, with a hint', () => {
    const r = validatePhone('63211234');
    expect(r.ok ? null : r.code).toBe('phone_format');
    if (!r.ok) expect(r.message).toContain('area code');
  });

  it('refuses impossible area codes or local numbers', () => {
    for (const raw of ['011-12345678', '021-01234567', '021-123456', '021-123456789', '0755-123456']) {
      expect(codeOf(raw), raw).toBe('phone_format');
    }
  });
});

describe('validatePhone: international', () => {
  it('accepts Hong Kong, Macao and Taiwan numbers', () => {
    expect(accepted('+852 9123 4567')).toEqual(['+85291234567', 'international']);
    expect(accepted('+853 6612 3456')).toEqual(['+85366123456', 'international']);
    expect(accepted('+886 912 345 678')).toEqual(['+886912345678', 'international']);
    expect(accepted('+886 0912 345 678')).toEqual(['+886912345678', 'international']);
    expect(accepted('+886 2 2345 6789')).toEqual(['+886223456789', 'international']);
    expect(accepted('００８５２９１２３４５６７')).toEqual(['+85291234567', 'international']);
    expect(accepted('＋８５２ ９１２３ ４５６７')).toEqual(['+85291234567', 'international']);
  });

  it('refuses Hong Kong/Macao numbers without 8 digits and Taiwan numbers without 8-9', () => {
    for (const raw of ['+852 9123 456', '+852 9123 45678', '+853 1234567', '+886 1234567', '+886 1234567890']) {
      expect(codeOf(raw), raw).toBe('phone_format');
    }
  });

  it('accepts other countries with 6 to 15 digits after +', () => {
    expect(accepted('+1 (415) 555-2671')).toEqual(['+14155552671', 'international']);
    expect(accepted('+44 20 7946 0958')).toEqual(['+442079460958', 'international']);
    expect(accepted('+49 30 123456')).toEqual(['+4930123456', 'international']);
    expect(accepted('+123456')).toEqual(['+123456', 'international']);
    expect(accepted('+123456789012345')).toEqual(['+123456789012345', 'international']);
  });

  it('refuses fewer than 6 or more than 15 digits, or a country code starting with 0', () => {
    for (const raw of ['+12345', '+1234567890123456', '+0123456789']) {
      expect(codeOf(raw), raw).toBe('phone_format');
    }
  });

  it('reads +86 numbers as mainland numbers', () => {
    expect(accepted('+86 138 1234 5678')).toEqual(['13812345678', 'mobile']);
    expect(accepted('0086 13812345678')).toEqual(['13812345678', 'mobile']);
    expect(accepted('+86 21 6321 1234')).toEqual(['021-63211234', 'landline']);
    expect(accepted('+86 (0)21 6321 1234')).toEqual(['021-63211234', 'landline']);
    expect(codeOf('+86 12345')).toBe('phone_format');
  });
});

describe('validatePhone: refused', () => {
  it('phone_empty for nothing', () => {
    expect(codeOf('')).toBe('phone_empty');
    expect(codeOf(' - ')).toBe('phone_empty');
  });

  it('phone_chars for letters, extensions written out, or a + in the middle', () => {
    const r = validatePhone('138x1234567');
    expect(r.ok ? null : [r.code, r.position]).toEqual(['phone_chars', 4]);
    expect(codeOf('021-12345678转123')).toBe('phone_chars');
    expect(codeOf('852+91234567')).toBe('phone_chars');
    expect(codeOf('13812345678\n')).toBe('accepted'); // trailing newline is trimmed
    expect(codeOf('138\n12345678')).toBe('accepted'); // inner whitespace is a separator
    expect(codeOf('电话13812345678')).toBe('phone_chars');
  });

  it('is never overridable', () => {
    for (const raw of ['', 'abc', '123']) {
      const r = validatePhone(raw);
      expect(r.ok ? null : r.overridable).toBe(false);
    }
  });
});
