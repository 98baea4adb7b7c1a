import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { USCC_ALPHABET, USCC_WEIGHTS, usccCheckChar, validateUscc } from './uscc.js';

/**
 * A reference implementation written independently of uscc.ts: GB 32100 derives the weight of
 * position i (1..17) as 3^(i-1) mod 31, and the alphabet is the 36 digits and letters less I O S V Z.
 */
const REF_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOSVZ'.includes(c)).join('');
const REF_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
function refCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + REF_ALPHABET.indexOf(c) * (REF_WEIGHTS[i] ?? 0), 0);
  return REF_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

function codeOf(raw: string): string {
  const r = validateUscc(raw);
  return r.ok ? 'accepted' : r.code;
}

describe('usccCheckChar', () => {
  it('uses the alphabet and weights of GB 32100', () => {
    expect(USCC_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    expect(USCC_ALPHABET).toBe(REF_ALPHABET);
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(USCC_WEIGHTS).toEqual(REF_WEIGHTS);
  });

  it('gives 3 for the example 91350100M000100Y43', () => {
    // values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; Σ value×weight
    //   = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
    // 1640 mod 31 = 28; 31 − 28 = 3 → 3
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('maps a check value of 31 to 0', () => {
    // all zeros: Σ = 0, 31 − 0 = 31 → 0
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('gives Y (value 30) when Σ mod 31 is 1', () => {
    // a single 1 at position 1 (weight 1): Σ = 1, 31 − 1 = 30 → Y, the last character of the alphabet
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });

  it('uses the last weight, 28, at position 17', () => {
    // a single 1 at position 17: Σ = 28, 31 − 28 = 3 → 3
    expect(usccCheckChar('00000000000000001')).toBe('3');
    // a single A (value 10) at position 2 (weight 3): Σ = 30, 31 − 30 = 1 → 1
    expect(usccCheckChar('0A000000000000000')).toBe('1');
  });

  it('throws unless given 17 characters of the alphabet', () => {
    for (const bad of ['', '91350100M000100Y', '91350100M000100Y43', '91350100M000100O4', '91350100m000100Y4']) {
      expect(() => usccCheckChar(bad)).toThrow(RangeError);
    }
  });
});

describe('validateUscc', () => {
  it('accepts the example and the hand-computed codes', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: { number: '91350100M000100Y43' } });
    expect(codeOf('000000000000000000')).toBe('accepted');
    expect(codeOf('10000000000000000Y')).toBe('accepted');
  });

  it('normalises lowercase, full width, spaces and hyphens', () => {
    for (const raw of ['91350100m000100y43', '９１３５０１００Ｍ０００１００Ｙ４３', ' 9135 0100-M000 100Y 43 ']) {
      const r = validateUscc(raw);
      expect(r.ok && r.value.number).toBe('91350100M000100Y43');
    }
  });

  it('uscc_empty for nothing', () => {
    expect(codeOf('')).toBe('uscc_empty');
    expect(codeOf(' \u3000')).toBe('uscc_empty');
  });

  it('uscc_length for a wrong length', () => {
    expect(codeOf('91350100M000100Y4')).toBe('uscc_length');
    expect(codeOf('91350100M000100Y433')).toBe('uscc_length');
    expect(codeOf('M000100Y4')).toBe('uscc_length'); // an old organisation code alone
  });

  it('uscc_chars for each of I O S V Z, naming the character and position', () => {
    for (const [letter, meant] of [['I', '1'], ['O', '0'], ['S', '5'], ['V', 'U'], ['Z', '2']] as const) {
      const raw = `91350100M000100${letter}43`;
      const r = validateUscc(raw);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.code).toBe('uscc_chars');
      expect(r.position).toBe(16);
      expect(r.overridable).toBe(false);
      expect(r.message).toContain(`"${letter}" at position 16`);
      expect(r.message).toContain('I, O, S, V and Z');
      expect(r.message).toContain(`did you mean ${meant}?`);
    }
  });

  it('uscc_chars for a forbidden letter typed in lowercase or full width', () => {
    expect(codeOf('91350100M000100o43')).toBe('uscc_chars');
    expect(codeOf('91350100M000100Ｏ43')).toBe('uscc_chars');
  });

  it('uscc_chars for punctuation and non-ASCII characters', () => {
    const r = validateUscc('91350100M0001.0Y43');
    expect(r.ok ? null : [r.code, r.position]).toEqual(['uscc_chars', 14]);
    expect(codeOf('91350100M000100Y4中')).toBe('uscc_chars');
  });

  it('uscc_checksum for a wrong check character, overridable', () => {
    const r = validateUscc('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, code: 'uscc_checksum', overridable: true, position: 18 });
  });

  it('only the checksum failure is overridable', () => {
    for (const raw of ['', '91350100M000100Y4', '91350100M000100O43']) {
      const r = validateUscc(raw);
      expect(r.ok ? null : r.overridable).toBe(false);
    }
  });
});

const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
const validUscc = fc
  .array(alphabetChar, { minLength: 17, maxLength: 17 })
  .map((chars) => chars.join(''))
  .map((first17) => first17 + refCheckChar(first17));

describe('validateUscc: properties', () => {
  it('accepts every generated code', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true, value: { number: code } });
        expect(validateUscc(code.toLowerCase()).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every single-character substitution with another alphabet character', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        for (let i = 0; i < 18; i += 1) {
          for (const c of USCC_ALPHABET) {
            if (c === code[i]) continue;
            const changed = code.slice(0, i) + c + code.slice(i + 1);
            expect(validateUscc(changed), changed).toMatchObject({ ok: false, code: 'uscc_checksum', overridable: true });
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a forbidden letter at any position as uscc_chars', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'IOSVZ'), (code, i, letter) => {
        const r = validateUscc(code.slice(0, i) + letter + code.slice(i + 1));
        expect(r).toMatchObject({ ok: false, code: 'uscc_chars', position: i + 1 });
      }),
    );
  });
});
