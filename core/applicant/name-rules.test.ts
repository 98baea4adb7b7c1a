import { describe, expect, it } from 'vitest';
import { checkNameForDocument } from './name-rules.js';
import { applicantSchema } from './schema.js';

const code = (r: ReturnType<typeof checkNameForDocument>): string | null => (r.ok ? null : r.code);

describe('checkNameForDocument (issue 13, defect 7)', () => {
  it('refuses digits, markup and Latin letters in a resident ID holder’s name, with the position', () => {
    expect(code(checkNameForDocument('resident_id', '张3'))).toBe('name_digits');
    expect(code(checkNameForDocument('resident_id', '张３'))).toBe('name_digits');
    expect(code(checkNameForDocument('resident_id', '<b>张</b>'))).toBe('name_markup');
    expect(code(checkNameForDocument('resident_id', 'A'))).toBe('name_not_chinese');
    const r = checkNameForDocument('resident_id', '王A');
    expect(r.ok ? null : r.position).toBe(2);
  });

  it('keeps rare characters and the middle dot of a resident’s name', () => {
    for (const name of ['王𠮷', '李䶮', '阿依古丽·买买提', '𪚥']) expect(checkNameForDocument('resident_id', name)).toEqual({ ok: true, value: name });
  });

  it('keeps Latin letters, spaces, hyphens, apostrophes and the middle dot in a foreign name; refuses digits and other signs', () => {
    for (const name of ["JEAN-LUC O'NEILL", 'María José', 'Anna·Schmidt']) expect(checkNameForDocument('passport_foreign', name).ok).toBe(true);
    expect(code(checkNameForDocument('passport_foreign', 'John 2'))).toBe('name_digits');
    expect(code(checkNameForDocument('foreign_permanent_residence', 'John_Smith'))).toBe('name_foreign_chars');
  });

  it('the applicant schema reports the name and the ID number together, and a 2,000-character name as too long', () => {
    const parsed = applicantSchema('2026-12-04').safeParse({ kind: 'person', idType: 'resident_id', idNumber: '110105194912310021', name: '张3', phone: '13812345678' });
    expect(parsed.success).toBe(false);
    const found = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${String((i as { params?: { code?: string } }).params?.code)}`);
    expect(found).toEqual(['idNumber:id_checksum', 'name:name_digits']);
    const long = applicantSchema('2026-12-04').safeParse({ kind: 'person', idType: 'resident_id', idNumber: '11010519491231002X', name: '王'.repeat(2000), phone: '13812345678' });
    expect(long.success ? [] : long.error.issues.map((i) => i.path.join('.'))).toEqual(['name']);
  });
});
