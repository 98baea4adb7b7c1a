import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORG_NAME_MAX, PERSON_NAME_MAX, validateOrgName, validatePersonName } from './names.js';

function accepted(raw: string): string | null {
  const r = validatePersonName(raw);
  return r.ok ? r.value.name : null;
}

function codeOf(raw: string): string {
  const r = validatePersonName(raw);
  return r.ok ? 'accepted' : r.code;
}

describe('validatePersonName: kept intact', () => {
  it('keeps rare characters (生僻字), inside and outside the BMP', () => {
    for (const name of ['𠮷', '吉𠮷', '刘䶮', '王堃', '张喆', '李赟', '𪚥', '龘', '𰻞𰻞面']) {
      expect(accepted(name)).toBe(name);
    }
  });

  it('keeps the middle dot of minority and foreign names, and its look-alikes as typed', () => {
    expect(accepted('阿依古丽·买买提')).toBe('阿依古丽·买买提');
    expect(accepted('列夫·托尔斯泰')).toBe('列夫·托尔斯泰');
    expect(accepted('爱新觉罗・溥仪')).toBe('爱新觉罗・溥仪'); // U+30FB is not turned into U+00B7
  });

  it('keeps Latin, accents, apostrophes, hyphens, Cyrillic and Arabic script', () => {
    for (const name of ["José María O'Brien-Smith", 'Zoë Ångström', 'Иван Петров', 'محمد علي', 'NGUYỄN Văn An']) {
      expect(accepted(name)).toBe(name);
    }
  });

  it('does not normalise Unicode (a combining accent and a CJK compatibility ideograph stay as given)', () => {
    const decomposed = 'Jose\u0301';
    expect(accepted(decomposed)).toBe(decomposed);
    expect(accepted('\uF900')).toBe('\uF900'); // NFC would turn it into U+8C48
  });

  it('keeps inner spaces and full-width characters, trims only the ends', () => {
    expect(accepted('  Mary  Ann  ')).toBe('Mary  Ann');
    expect(accepted('\u3000张三\u3000')).toBe('张三');
    expect(accepted('\u200B张三\uFEFF')).toBe('张三');
    expect(accepted('ＡＢＣ')).toBe('ＡＢＣ');
  });

  it('accepts markup and SQL as plain text: escaping is the renderer’s and the store’s job', () => {
    for (const name of ['<script>alert(1)</script>', "Robert'); DROP TABLE students;--", '" OR 1=1 --', '&lt;b&gt;']) {
      expect(accepted(name)).toBe(name);
    }
  });

  it('counts code points: 100 copies of 𠮷 (200 UTF-16 units) are accepted, 101 are not', () => {
    expect(accepted('𠮷'.repeat(PERSON_NAME_MAX))).toBe('𠮷'.repeat(100));
    expect(codeOf('𠮷'.repeat(PERSON_NAME_MAX + 1))).toBe('name_too_long');
  });

  it('keeps any name made of printable characters intact', () => {
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((s) => !/[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(s))
      .map((s) => s.trim())
      .filter((s) => s !== '' && !/^[\u200B-\u200D\u2060\uFEFF]|[\u200B-\u200D\u2060\uFEFF]$/.test(s));
    fc.assert(
      fc.property(printable, (name) => {
        expect(accepted(name)).toBe(name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validatePersonName: refused', () => {
  it('name_empty for empty or blank input', () => {
    for (const raw of ['', ' ', '\u3000\u3000', '\t\n', '\u200B']) expect(codeOf(raw), JSON.stringify(raw)).toBe('name_empty');
  });

  it('name_too_long for a 2,000-character name and just over 100', () => {
    const r = validatePersonName('张'.repeat(2000));
    expect(r.ok ? null : r.code).toBe('name_too_long');
    if (!r.ok) expect(r.message).toContain('2000');
    expect(codeOf('a'.repeat(100))).toBe('accepted');
    expect(codeOf('a'.repeat(101))).toBe('name_too_long');
  });

  it('name_control_chars for control, line-separator and bidi-override characters, with the position', () => {
    for (const c of ['\u0000', '\u0007', '\t', '\n', '\r', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\u202E', '\u202A', '\u2066', '\u2069']) {
      const r = validatePersonName(`张${c}三`);
      expect(r.ok ? null : [r.code, r.position], JSON.stringify(c)).toEqual(['name_control_chars', 2]);
    }
  });

  it('counts the position in code points', () => {
    const r = validatePersonName('𠮷𠮷\u0000');
    expect(r.ok ? null : r.position).toBe(3);
  });

  it('name_invalid_unicode for a lone surrogate (it would not survive storage)', () => {
    expect(codeOf('张\uD842三')).toBe('name_invalid_unicode');
    expect(codeOf('张\uDFB7')).toBe('name_invalid_unicode');
  });

  it('is never overridable', () => {
    for (const raw of ['', 'a'.repeat(101), 'a\u0000', '\uD800']) {
      const r = validatePersonName(raw);
      expect(r.ok ? null : r.overridable).toBe(false);
    }
  });
});

describe('validateOrgName', () => {
  it('accepts organisation names with brackets of both widths, kept as typed', () => {
    for (const name of ['上海某某科技有限公司', '上海某某（集团）有限公司', '某某(上海)有限公司', 'ACME China Co., Ltd.', '𠮷野家（上海）餐饮有限公司']) {
      const r = validateOrgName(name);
      expect(r.ok && r.value.name).toBe(name);
    }
  });

  it('allows 200 code points and refuses 201', () => {
    expect(validateOrgName('𠮷'.repeat(ORG_NAME_MAX)).ok).toBe(true);
    const r = validateOrgName('司'.repeat(ORG_NAME_MAX + 1));
    expect(r.ok ? null : r.code).toBe('name_too_long');
    expect(validatePersonName('司'.repeat(150)).ok).toBe(false);
    expect(validateOrgName('司'.repeat(150)).ok).toBe(true);
  });

  it('uses the same codes as person names', () => {
    const codes = ['', '公司\u0000', '公司\uD800'].map((raw) => {
      const r = validateOrgName(raw);
      return r.ok ? 'accepted' : r.code;
    });
    expect(codes).toEqual(['name_empty', 'name_control_chars', 'name_invalid_unicode']);
  });
});
