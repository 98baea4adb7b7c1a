import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ID_CARD_CHECK_CHARS, ID_CARD_WEIGHTS, idCardCheckChar, PROVINCE_CODES, validateIdCard } from './id-card.js';

const TODAY = '2025-06-15';

/**
 * A reference implementation written independently of id-card.ts: ISO 7064 MOD 11-2 defines the
 * weight of position i (1..17) as 2^(18-i) mod 11, and the check character as the value c with
 * (R + c) ≡ 1 (mod 11), i.e. c = (12 − R) mod 11, written X when it is 10. If the module's weight
 * table or character table were wrong, the property tests below would find it.
 */
const REF_WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
function refCheckChar(first17: string): string {
  const r = [...first17].reduce((sum, d, i) => sum + Number(d) * (REF_WEIGHTS[i] ?? 0), 0) % 11;
  const c = (12 - r) % 11;
  return c === 10 ? 'X' : String(c);
}

const fullWidth = (s: string): string =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function expectFailure(raw: string, code: string, today = TODAY): void {
  const r = validateIdCard(raw, today);
  expect(r.ok ? 'accepted' : r.code, raw).toBe(code);
}

describe('idCardCheckChar', () => {
  it('uses the weights and characters of GB 11643', () => {
    expect(ID_CARD_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
    expect(ID_CARD_WEIGHTS).toEqual(REF_WEIGHTS);
    expect(ID_CARD_CHECK_CHARS).toBe('10X98765432');
  });

  it('gives X for the standard example 11010519491231002X', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
    //   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('gives 4 for the standard’s second example 440524188001010014', () => {
    // Σ = 4·7+4·9+0+5·5+2·8+4·4+1·2+8·1+8·6+0+0+1·9+0+1·5+0+0+1·2 = 195; 195 mod 11 = 8 → 4
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('gives the hand-computed characters of a few more numbers', () => {
    // 110101 20000101 000: Σ = 7+9+5+4 (area) + 2·2 (year 2…) + 1·9 + 1·5 (month, day) = 43;
    // 43 mod 11 = 10 → 2
    expect(idCardCheckChar('11010120000101000')).toBe('2');
    // the same with sequence 002: Σ = 43 + 2·2 = 47; 47 mod 11 = 3 → 9
    expect(idCardCheckChar('11010120000101002')).toBe('9');
    // 310104 19900307 123: Σ = 21+9+0+5+0+16 + 2+9+54+0+0+27+0+35 + 8+8+6 = 200; 200 mod 11 = 2 → X
    expect(idCardCheckChar('31010419900307123')).toBe('X');
    // all zeros: Σ = 0 → R = 0 → 1 (the first entry of the table)
    expect(idCardCheckChar('00000000000000000')).toBe('1');
    // a single 1 at position 8 (weight 1): Σ = 1 → 0
    expect(idCardCheckChar('00000001000000000')).toBe('0');
  });

  it('throws unless given exactly 17 digits', () => {
    for (const bad of ['', '1101051949123100', '110105194912310021', '1101051949123100X', '１１０１０５１９４９１２３１００２']) {
      expect(() => idCardCheckChar(bad)).toThrow(RangeError);
    }
  });
});

describe('validateIdCard: accepted', () => {
  it('accepts the standard example and derives birth date, sex and area code', () => {
    expect(validateIdCard('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('accepts 440524188001010014 (born 1880, sequence 001: male)', () => {
    const r = validateIdCard('440524188001010014', TODAY);
    expect(r.ok && r.value).toEqual({ number: '440524188001010014', areaCode: '440524', birthDate: '1880-01-01', sex: 'male' });
  });

  it('accepts the hand-computed numbers', () => {
    const female = validateIdCard('110101200001010002', TODAY);
    expect(female.ok && female.value.sex).toBe('female');
    const male = validateIdCard('31010419900307123X', TODAY);
    expect(male.ok && male.value).toEqual({ number: '31010419900307123X', areaCode: '310104', birthDate: '1990-03-07', sex: 'male' });
  });

  it('accepts a lowercase x and stores X', () => {
    const r = validateIdCard('11010519491231002x', TODAY);
    expect(r.ok && r.value.number).toBe('11010519491231002X');
  });

  it('accepts full-width digits pasted in (normalised, not rejected)', () => {
    const r = validateIdCard('１１０１０５１９４９１２３１００２Ｘ', TODAY);
    expect(r.ok && r.value.number).toBe('11010519491231002X');
    const lower = validateIdCard('１１０１０５１９４９１２３１００２ｘ', TODAY);
    expect(lower.ok && lower.value.number).toBe('11010519491231002X');
  });

  it('accepts spaces, hyphens and surrounding whitespace', () => {
    const r = validateIdCard(' 110105 19491231 002X\n', TODAY);
    expect(r.ok && r.value.number).toBe('11010519491231002X');
    expect(validateIdCard('110105-19491231-002X', TODAY).ok).toBe(true);
  });

  it('accepts a birth date equal to today (a newborn)', () => {
    // 110105 20250615 001: Σ = 163, 163 mod 11 = 9 → 3
    expect(validateIdCard('110105202506150013', TODAY).ok).toBe(true);
  });

  it('accepts 29 February in a leap year', () => {
    const first17 = '11010520000229001';
    expect(validateIdCard(first17 + idCardCheckChar(first17), TODAY).ok).toBe(true);
  });
});

describe('validateIdCard: refused, one code each', () => {
  it('id_empty for nothing or only spaces', () => {
    expectFailure('', 'id_empty');
    expectFailure('  \u3000 ', 'id_empty');
  });

  it('id_old_format for a 15-digit number, with a message that says what to do', () => {
    const r = validateIdCard('110105491231002', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('id_old_format');
      expect(r.message).toBe('15-digit IDs were replaced; ask for the 18-digit number');
      expect(r.overridable).toBe(false);
    }
    expectFailure('１１０１０５４９１２３１００２', 'id_old_format');
  });

  it('id_length for any other length', () => {
    expectFailure('11010519491231002', 'id_length');
    expectFailure('11010519491231002X1', 'id_length');
    expectFailure('12345', 'id_length');
    expectFailure('11010549123100X', 'id_length'); // 15 characters but not 15 digits
  });

  it('id_chars naming the position of a letter among the digits or a bad check character', () => {
    const r = validateIdCard('1101O519491231002X', TODAY);
    expect(r.ok ? null : [r.code, r.position]).toEqual(['id_chars', 5]);
    if (!r.ok) expect(r.message).toContain('"O" at position 5');
    expectFailure('11010519491231002Y', 'id_chars');
    expectFailure('1101051949123100X2', 'id_chars');
    expectFailure('11010519491231002/', 'id_chars');
  });

  it('refuses a number of another document type with a reason naming it, and an area that is no province', () => {
    // Same structure, other documents: 港澳台居民居住证 (810000/820000/830000) and the 2023 永久居留身份证 (9…).
    const withCheck = (first17: string): string => first17 + idCardCheckChar(first17);
    for (const prefix of ['810000', '820000', '830000']) expectFailure(withCheck(`${prefix}19900101001`), 'id_is_hmt_residence_permit');
    expectFailure(withCheck('93310019900101001'), 'id_is_foreign_permanent_residence');
    // 00, 66, 71 (台湾: in GB/T 2260, on no ID card) and 10 are no province of an ID card.
    for (const prefix of ['000105', '660101', '710000', '100101', '160101']) expectFailure(withCheck(`${prefix}19491231002`), 'id_area_code');
    for (const p of PROVINCE_CODES) expect(validateIdCard(withCheck(`${p}010519491231002`), TODAY).ok, p).toBe(true);
  });

  it('id_area_code when the number starts with 0', () => {
    // 000105 19491231 002: Σ = 151, 151 mod 11 = 8 → 4, so only the area code is wrong
    expectFailure('000105194912310024', 'id_area_code');
  });

  it('id_birth_date_invalid for an impossible date (19990230)', () => {
    const first17 = '11010519990230002';
    expectFailure(first17 + refCheckChar(first17), 'id_birth_date_invalid');
    const r = validateIdCard(first17 + refCheckChar(first17), TODAY);
    expect(r.ok ? null : r.position).toBe(7);
  });

  it('id_birth_date_invalid for other impossible dates', () => {
    for (const date of ['19990229', '19991301', '19990001', '19990100', '19990431', '00000000']) {
      const first17 = `110105${date}002`;
      expectFailure(first17 + refCheckChar(first17), 'id_birth_date_invalid');
    }
  });

  it('id_birth_date_invalid for a date before 1800 (a mistyped century)', () => {
    // 110105 17991231 001: Σ = 193, 193 mod 11 = 6 → 6
    expectFailure('110105179912310016', 'id_birth_date_invalid');
  });

  it('id_birth_date_future for a birth date after today', () => {
    // 110105 20250616 001: Σ = 168, 168 mod 11 = 3 → 9
    expectFailure('110105202506160019', 'id_birth_date_future');
    expect(validateIdCard('110105202506160019', '2025-06-16').ok).toBe(true);
  });

  it('id_checksum for a wrong check character', () => {
    for (const c of '0123456789') expectFailure(`11010519491231002${c}`, 'id_checksum');
    expectFailure('440524188001010015', 'id_checksum');
    expectFailure('110101200001010009', 'id_checksum');
  });

  it('id_checksum for two swapped adjacent digits', () => {
    expectFailure('11010519491213002X', 'id_checksum'); // 1231 → 1213: still a real date
  });

  it('never marks an ID failure as overridable', () => {
    for (const raw of ['', '110105491231002', '1101O519491231002X', '000105194912310024', '11010519491231002Y', '110105194912310021']) {
      const r = validateIdCard(raw, TODAY);
      expect(r.ok ? null : r.overridable).toBe(false);
    }
  });

  it('throws when today is malformed', () => {
    expect(() => validateIdCard('11010519491231002X', '2025/06/15')).toThrow(RangeError);
  });
});

/** A correct generator of resident ID numbers, independent of the module under test. */
const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validId = fc
  .record({
    area: fc.tuple(fc.constantFrom(...PROVINCE_CODES), fc.integer({ min: 0, max: 9999 })).map(([p, rest]) => Number(`${p}${String(rest).padStart(4, '0')}`)),
    birth: isoDay,
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, birth, seq }) => {
    const first17 = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return { number: first17 + refCheckChar(first17), area: String(area), birth, male: seq % 2 === 1 };
  });

describe('validateIdCard: properties', () => {
  it('accepts every generated number and derives its parts', () => {
    fc.assert(
      fc.property(validId, ({ number, area, birth, male }) => {
        expect(validateIdCard(number, TODAY)).toEqual({
          ok: true,
          value: { number, areaCode: area, birthDate: birth, sex: male ? 'male' : 'female' },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference check character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(idCardCheckChar(first17)).toBe(refCheckChar(first17));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every single-character substitution at any position', () => {
    fc.assert(
      fc.property(validId, ({ number }) => {
        for (let i = 0; i < 18; i += 1) {
          const alternatives = i < 17 ? '0123456789' : '0123456789X';
          for (const c of alternatives) {
            if (c === number[i]) continue;
            const changed = number.slice(0, i) + c + number.slice(i + 1);
            const r = validateIdCard(changed, TODAY);
            expect(r.ok, changed).toBe(false);
            if (r.ok) continue;
            const prefix = changed.slice(0, 2);
            if (i < 2 && /^8[123]/.test(prefix)) expect(r.code).toBe('id_is_hmt_residence_permit');
            else if (i === 0 && c === '9') expect(r.code).toBe('id_is_foreign_permanent_residence');
            else if (i < 2 && !PROVINCE_CODES.includes(prefix)) expect(r.code).toBe('id_area_code');
            else if (i >= 6 && i < 14) {
              // a substitution in the date may make it impossible or future: refused either way
              expect(['id_birth_date_invalid', 'id_birth_date_future', 'id_checksum']).toContain(r.code);
            } else expect(r.code, changed).toBe('id_checksum');
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('accepts the same number typed in lowercase, full width or with separators', () => {
    fc.assert(
      fc.property(validId, ({ number }) => {
        for (const variant of [number.toLowerCase(), fullWidth(number), ` ${number.slice(0, 6)} ${number.slice(6, 14)}-${number.slice(14)} `]) {
          const r = validateIdCard(variant, TODAY);
          expect(r.ok && r.value.number).toBe(number);
        }
      }),
      { numRuns: 100 },
    );
  });
});
