import { describe, expect, it } from 'vitest';
import {
  ID_DOC_TYPES,
  isIdDocType,
  validateForeignPermanentResidence,
  validateHkMacaoPermit,
  validateHmtResidencePermit,
  validateIdDocument,
  validatePassportCn,
  validatePassportForeign,
  validateTaiwanPermit,
} from './documents.js';
import type { IdDocType } from './documents.js';

const TODAY = '2025-06-15';

function codeOf(type: IdDocType, raw: string, today = TODAY): string {
  const r = validateIdDocument(type, raw, today);
  return r.ok ? 'accepted' : r.code;
}

describe('ID_DOC_TYPES', () => {
  it('lists the seven types', () => {
    expect(ID_DOC_TYPES).toEqual([
      'resident_id',
      'passport_cn',
      'passport_foreign',
      'hk_macao_permit',
      'taiwan_permit',
      'hmt_residence_permit',
      'foreign_permanent_residence',
    ]);
    expect(isIdDocType('passport_cn')).toBe(true);
    expect(isIdDocType('passport')).toBe(false);
  });
});

describe('resident_id through the dispatcher', () => {
  it('returns the ID card value with its type', () => {
    expect(validateIdDocument('resident_id', '11010519491231002x', TODAY)).toEqual({
      ok: true,
      value: { type: 'resident_id', number: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('passes the ID card codes through', () => {
    expect(codeOf('resident_id', '110105194912310021')).toBe('id_checksum');
    expect(codeOf('resident_id', '110105491231002')).toBe('id_old_format');
  });
});

describe('passport_cn', () => {
  it('accepts E + 8 digits, E + letter + 7 digits, G + 8 digits', () => {
    for (const raw of ['E12345678', 'EA1234567', 'EJ7654321', 'G12345678', 'e12345678', 'Ｅ１２３４５６７８', ' E 1234 5678 ']) {
      expect(codeOf('passport_cn', raw), raw).toBe('accepted');
    }
    expect(validatePassportCn('ea1234567')).toEqual({ ok: true, value: { type: 'passport_cn', number: 'EA1234567' } });
  });

  it('passport_cn_empty', () => {
    expect(codeOf('passport_cn', '  ')).toBe('passport_cn_empty');
  });

  it('passport_cn_format for anything else, including other passport kinds', () => {
    for (const raw of ['E1234567', 'E123456789', 'G1234567', 'GA1234567', 'EA123456', 'EA12345678', 'P1234567', 'D12345678', 'SE1234567', '12345678', 'E1234567X']) {
      expect(codeOf('passport_cn', raw), raw).toBe('passport_cn_format');
    }
  });

  it('is not put through the ID-card rule', () => {
    expect(codeOf('passport_cn', '11010519491231002X')).toBe('passport_cn_format');
  });
});

describe('passport_foreign', () => {
  it('accepts 5 to 20 letters and digits', () => {
    for (const raw of ['12345', 'X1234567', 'C01X00T47', '533380006', 'AB1234567890CDEF1234', 'ｘ１２３４５６７']) {
      expect(codeOf('passport_foreign', raw), raw).toBe('accepted');
    }
    expect(validatePassportForeign('c01x00t47')).toEqual({ ok: true, value: { type: 'passport_foreign', number: 'C01X00T47' } });
  });

  it('accepts an 18-character number that would fail the ID-card check (no ID rule here)', () => {
    expect(codeOf('passport_foreign', '110105194912310021')).toBe('accepted');
  });

  it('passport_foreign_empty', () => {
    expect(codeOf('passport_foreign', '')).toBe('passport_foreign_empty');
  });

  it('passport_foreign_length below 5 or above 20', () => {
    expect(codeOf('passport_foreign', '1234')).toBe('passport_foreign_length');
    expect(codeOf('passport_foreign', 'A'.repeat(21))).toBe('passport_foreign_length');
  });

  it('passport_foreign_chars for anything but letters and digits, with the position', () => {
    const r = validatePassportForeign('AB12/3456');
    expect(r.ok ? null : [r.code, r.position]).toEqual(['passport_foreign_chars', 5]);
    expect(codeOf('passport_foreign', 'AB1234É67')).toBe('passport_foreign_chars');
    expect(codeOf('passport_foreign', '护照12345')).toBe('passport_foreign_chars');
  });
});

describe('hk_macao_permit', () => {
  it('accepts H or M + 8 or 10 digits', () => {
    for (const raw of ['H12345678', 'M12345678', 'H1234567890', 'm1234567890', 'Ｈ１２３４５６７８']) {
      expect(codeOf('hk_macao_permit', raw), raw).toBe('accepted');
    }
    expect(validateHkMacaoPermit('h12345678')).toEqual({ ok: true, value: { type: 'hk_macao_permit', number: 'H12345678' } });
  });

  it('hk_macao_permit_empty', () => {
    expect(codeOf('hk_macao_permit', '')).toBe('hk_macao_permit_empty');
  });

  it('hk_macao_permit_format for other letters or lengths', () => {
    for (const raw of ['H1234567', 'H123456789', 'H12345678901', 'K12345678', '12345678', 'HM1234567']) {
      expect(codeOf('hk_macao_permit', raw), raw).toBe('hk_macao_permit_format');
    }
  });
});

describe('taiwan_permit', () => {
  it('accepts 8 or 10 digits', () => {
    for (const raw of ['12345678', '1234567890', '１２３４５６７８']) {
      expect(codeOf('taiwan_permit', raw), raw).toBe('accepted');
    }
    expect(validateTaiwanPermit('1234-5678')).toEqual({ ok: true, value: { type: 'taiwan_permit', number: '12345678' } });
  });

  it('taiwan_permit_empty', () => {
    expect(codeOf('taiwan_permit', '')).toBe('taiwan_permit_empty');
  });

  it('taiwan_permit_format for other lengths or letters', () => {
    for (const raw of ['1234567', '123456789', '12345678901', 'T12345678', '1234567890B']) {
      expect(codeOf('taiwan_permit', raw), raw).toBe('taiwan_permit_format');
    }
  });
});

describe('hmt_residence_permit', () => {
  // check characters computed with MOD 11-2, as for the resident ID:
  // 810000 19950815 002 → Σ = 256, 256 mod 11 = 3 → 9
  // 820000 19880808 001 → 5;  830000 20000229 001 → 5
  it('accepts Hong Kong, Macao and Taiwan numbers and derives birth date and sex', () => {
    expect(validateHmtResidencePermit('810000199508150029', TODAY)).toEqual({
      ok: true,
      value: { type: 'hmt_residence_permit', number: '810000199508150029', areaCode: '810000', birthDate: '1995-08-15', sex: 'female' },
    });
    expect(codeOf('hmt_residence_permit', '820000198808080015')).toBe('accepted');
    const tw = validateIdDocument('hmt_residence_permit', '８３００００２００００２２９００１５', TODAY);
    expect(tw.ok && tw.value).toMatchObject({ number: '830000200002290015', birthDate: '2000-02-29', sex: 'male' });
  });

  it('hmt_residence_permit_area_code for any other area, even a valid resident ID', () => {
    // 840000 19950815 002 has a correct check character (4) but 840000 is not an HMT area code
    expect(codeOf('hmt_residence_permit', '840000199508150024')).toBe('hmt_residence_permit_area_code');
    expect(codeOf('hmt_residence_permit', '11010519491231002X')).toBe('hmt_residence_permit_area_code');
    expect(codeOf('hmt_residence_permit', '810001199508150029')).toBe('hmt_residence_permit_area_code');
  });

  it('reports each GB 11643 failure under its own prefix', () => {
    expect(codeOf('hmt_residence_permit', '')).toBe('hmt_residence_permit_empty');
    expect(codeOf('hmt_residence_permit', '81000019950815002')).toBe('hmt_residence_permit_length');
    expect(codeOf('hmt_residence_permit', '8100001995081500A9')).toBe('hmt_residence_permit_chars');
    expect(codeOf('hmt_residence_permit', '810000199902300020')).toBe('hmt_residence_permit_birth_date_invalid');
    expect(codeOf('hmt_residence_permit', '810000202506160020')).toBe('hmt_residence_permit_birth_date_future');
    expect(codeOf('hmt_residence_permit', '810000199508150020')).toBe('hmt_residence_permit_checksum');
  });
});

describe('foreign_permanent_residence', () => {
  it('accepts the old 15-character format (3 letters + 12 digits) without deriving anything', () => {
    expect(validateForeignPermanentResidence('usa310078120001', TODAY)).toEqual({
      ok: true,
      value: { type: 'foreign_permanent_residence', number: 'USA310078120001' },
    });
  });

  it('accepts the 2023 18-digit format starting with 9 and derives birth date and sex', () => {
    // 9 · 11 (Beijing) · 840 (nationality) · 19800101 · 002 → Σ = 231, 231 mod 11 = 0 → 1
    expect(validateIdDocument('foreign_permanent_residence', '911840198001010021', TODAY)).toEqual({
      ok: true,
      value: { type: 'foreign_permanent_residence', number: '911840198001010021', birthDate: '1980-01-01', sex: 'female' },
    });
  });

  it('foreign_permanent_residence_empty and _length', () => {
    expect(codeOf('foreign_permanent_residence', '')).toBe('foreign_permanent_residence_empty');
    expect(codeOf('foreign_permanent_residence', 'USA31007812000')).toBe('foreign_permanent_residence_length');
    expect(codeOf('foreign_permanent_residence', '91184019800101002')).toBe('foreign_permanent_residence_length');
  });

  it('foreign_permanent_residence_chars in either format, with the position', () => {
    const old = validateForeignPermanentResidence('US1310078120001', TODAY);
    expect(old.ok ? null : [old.code, old.position]).toEqual(['foreign_permanent_residence_chars', 3]);
    const oldDigits = validateForeignPermanentResidence('USA3100781200O1', TODAY);
    expect(oldDigits.ok ? null : [oldDigits.code, oldDigits.position]).toEqual(['foreign_permanent_residence_chars', 14]);
    expect(codeOf('foreign_permanent_residence', '9118401980010100A1')).toBe('foreign_permanent_residence_chars');
  });

  it('foreign_permanent_residence_area_code for an 18-digit number not starting with 9', () => {
    expect(codeOf('foreign_permanent_residence', '11010519491231002X')).toBe('foreign_permanent_residence_area_code');
  });

  it('foreign_permanent_residence_birth_date_*, _checksum', () => {
    expect(codeOf('foreign_permanent_residence', '911840199902300012')).toBe('foreign_permanent_residence_birth_date_invalid');
    expect(codeOf('foreign_permanent_residence', '911840179912310013')).toBe('foreign_permanent_residence_birth_date_invalid');
    expect(codeOf('foreign_permanent_residence', '911840202506160016')).toBe('foreign_permanent_residence_birth_date_future');
    expect(codeOf('foreign_permanent_residence', '911840198001010022')).toBe('foreign_permanent_residence_checksum');
  });
});

describe('validateIdDocument', () => {
  it('gives every type an _empty code and none of its failures is overridable', () => {
    const empties = ID_DOC_TYPES.map((type) => codeOf(type, ' '));
    expect(empties).toEqual([
      'id_empty',
      'passport_cn_empty',
      'passport_foreign_empty',
      'hk_macao_permit_empty',
      'taiwan_permit_empty',
      'hmt_residence_permit_empty',
      'foreign_permanent_residence_empty',
    ]);
    for (const type of ID_DOC_TYPES) {
      for (const raw of ['', 'x', '110105194912310021']) {
        const r = validateIdDocument(type, raw, TODAY);
        if (!r.ok) expect(r.overridable).toBe(false);
      }
    }
  });

  it('throws on an unknown type or a malformed today (caller bugs)', () => {
    expect(() => validateIdDocument('driving_licence' as IdDocType, 'X', TODAY)).toThrow(RangeError);
    expect(() => validateIdDocument('passport_cn', 'E12345678', 'today')).toThrow(RangeError);
  });
});
