import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { applicantSchema } from './schema.js';
import type { ApplicantInput } from './schema.js';

const TODAY = '2025-06-15';
const schema = applicantSchema(TODAY);

const person = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'person',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  name: '张三',
  phone: '13812345678',
  ...extra,
});

const organisation = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'organisation',
  name: '福州某某有限公司',
  uscc: '91350100M000100Y43',
  legalRep: { idType: 'resident_id', idNumber: '440524188001010014', name: '李四' },
  ...extra,
});

interface IssueSummary {
  path: string;
  code: unknown;
  overridable: unknown;
}

function issues(input: unknown): IssueSummary[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i: z.core.$ZodIssue) => ({
    path: i.path.join('.'),
    code: i.code === 'custom' ? i.params?.['code'] : i.code,
    overridable: i.code === 'custom' ? i.params?.['overridable'] : undefined,
  }));
}

describe('applicantSchema: a person', () => {
  it('accepts a valid person and returns it normalised', () => {
    const input: ApplicantInput = {
      kind: 'person',
      idType: 'resident_id',
      idNumber: '１１０１０５ １９４９１２３１ ００２ｘ',
      name: '  王𠮷  ',
      phone: '138 1234 5678',
      address: '  上海市黄浦区人民大道200号  ',
    };
    expect(schema.parse(input)).toEqual({
      kind: 'person',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      name: '王𠮷',
      birthDate: '1949-12-31',
      sex: 'female',
      phone: '13812345678',
      address: '上海市黄浦区人民大道200号',
    });
  });

  it('drops an address that is only spaces', () => {
    const r = schema.parse(person({ address: '   ' }));
    expect(r).not.toHaveProperty('address');
  });

  it('accepts every document type with its own format', () => {
    const numbers: Record<string, string> = {
      passport_cn: 'E12345678',
      passport_foreign: 'X1234567',
      hk_macao_permit: 'H12345678',
      taiwan_permit: '12345678',
      hmt_residence_permit: '810000199508150029',
      foreign_permanent_residence: 'USA310078120001',
    };
    for (const [idType, idNumber] of Object.entries(numbers)) {
      expect(issues(person({ idType, idNumber })), idType).toEqual([]);
    }
  });

  it('reports each bad field on its path with the validator code in params, not repeated in the message', () => {
    const r = schema.safeParse(person({ idNumber: '110105194912310021', name: '', phone: '12345678' }));
    expect(r.success).toBe(false);
    if (r.success) return;
    const byPath = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i]));
    expect(byPath['idNumber']?.message).toMatch(/check character/);
    expect(byPath['name']?.message).toBe('name is empty');
    expect(byPath['phone']?.message).not.toMatch(/phone_format/);
    expect(issues(person({ idNumber: '110105194912310021', name: '', phone: '12345678' }))).toEqual([
      { path: 'name', code: 'name_empty', overridable: false },
      { path: 'phone', code: 'phone_format', overridable: false },
      { path: 'idNumber', code: 'id_checksum', overridable: false },
    ]);
  });

  it('checks the ID number against the chosen type, not the ID-card rule', () => {
    expect(issues(person({ idType: 'passport_cn', idNumber: '11010519491231002X' }))).toEqual([
      { path: 'idNumber', code: 'passport_cn_format', overridable: false },
    ]);
    expect(issues(person({ idType: 'passport_foreign', idNumber: '110105194912310021' }))).toEqual([]);
  });

  it('uses the given today for future birth dates', () => {
    // born 2025-06-16
    expect(issues(person({ idNumber: '110105202506160019' }))).toEqual([
      { path: 'idNumber', code: 'id_birth_date_future', overridable: false },
    ]);
    expect(applicantSchema('2025-06-16').safeParse(person({ idNumber: '110105202506160019' })).success).toBe(true);
  });

  it('reports the 15-digit, impossible-date and position details', () => {
    expect(issues(person({ idNumber: '110105491231002' }))[0]?.code).toBe('id_old_format');
    expect(issues(person({ idNumber: '11010519990230002X' }))[0]?.code).toBe('id_birth_date_invalid');
    const r = schema.safeParse(person({ idNumber: '1101O519491231002X' }));
    const issue = r.success ? undefined : r.error.issues[0];
    expect(issue?.code === 'custom' ? issue.params : null).toEqual({ code: 'id_chars', overridable: false, position: 5 });
  });

  it('reports an unknown idType as an enum error on idType, without crashing the ID check', () => {
    expect(issues(person({ idType: 'driving_licence' }))).toEqual([{ path: 'idType', code: 'invalid_value', overridable: undefined }]);
  });

  it('keeps names with rare characters, markup or SQL as plain text', () => {
    for (const name of ['䶮', '堃喆赟', '阿依古丽·买买提', '<script>alert(1)</script>', "x'); DROP TABLE cases;--"]) {
      const r = schema.parse(person({ name }));
      expect(r.name).toBe(name);
    }
    expect(issues(person({ name: '名'.repeat(2000) }))).toEqual([{ path: 'name', code: 'name_too_long', overridable: false }]);
  });

  it('refuses unknown keys and a missing field', () => {
    expect(issues(person({ nickname: 'x' }))[0]?.code).toBe('unrecognized_keys');
    // the ID check still runs next to an unknown key
    expect(issues(person({ nickname: 'x', idNumber: '110105194912310021' })).map((i) => i.code)).toEqual([
      'unrecognized_keys',
      'id_checksum',
    ]);
    const { phone: _phone, ...noPhone } = person();
    expect(issues(noPhone)).toEqual([{ path: 'phone', code: 'invalid_type', overridable: undefined }]);
  });

  it('validates the address as text', () => {
    expect(issues(person({ address: '上海\u0000' }))).toEqual([{ path: 'address', code: 'address_control_chars', overridable: false }]);
    expect(issues(person({ address: '路'.repeat(301) }))).toEqual([{ path: 'address', code: 'address_too_long', overridable: false }]);
  });
});

describe('applicantSchema: an agent', () => {
  const agent = { idType: 'hk_macao_permit', idNumber: 'h12345678', name: 'Chan Tai Man', phone: '+852 9123 4567', powerOfAttorney: true };

  it('accepts an agent and normalises it', () => {
    const r = schema.parse(person({ agent }));
    expect(r.kind === 'person' && r.agent).toEqual({
      idType: 'hk_macao_permit',
      idNumber: 'H12345678',
      name: 'Chan Tai Man',
      phone: '+85291234567',
      powerOfAttorney: true,
    });
  });

  it('reports the agent’s errors under agent.* together with the applicant’s own', () => {
    const input = person({
      idNumber: '110105194912310021',
      agent: { ...agent, idNumber: 'K12345678', name: ' ', phone: 'abc' },
    });
    expect(issues(input)).toEqual([
      { path: 'agent.name', code: 'name_empty', overridable: false },
      { path: 'agent.phone', code: 'phone_chars', overridable: false },
      { path: 'agent.idNumber', code: 'hk_macao_permit_format', overridable: false },
      { path: 'idNumber', code: 'id_checksum', overridable: false },
    ]);
  });

  it('requires powerOfAttorney as a boolean', () => {
    const { powerOfAttorney: _p, ...noPoa } = agent;
    expect(issues(person({ agent: noPoa }))).toEqual([{ path: 'agent.powerOfAttorney', code: 'invalid_type', overridable: undefined }]);
  });
});

describe('applicantSchema: an organisation', () => {
  it('accepts a valid organisation and returns it normalised', () => {
    const r = schema.parse(organisation({ uscc: '91350100m000100y43', phone: '0591-87654321' }));
    expect(r).toEqual({
      kind: 'organisation',
      name: '福州某某有限公司',
      uscc: '91350100M000100Y43',
      legalRep: { idType: 'resident_id', idNumber: '440524188001010014', name: '李四', birthDate: '1880-01-01', sex: 'male' },
      phone: '0591-87654321',
    });
  });

  it('reports a credit-code checksum failure as overridable', () => {
    expect(issues(organisation({ uscc: '91350100M000100Y44' }))).toEqual([{ path: 'uscc', code: 'uscc_checksum', overridable: true }]);
  });

  it('accepts a checksum failure with a supervisor override, and keeps the override in the output', () => {
    const usccOverride = { reason: '已核对营业执照原件', supervisor: '王值班长' };
    const r = schema.parse(organisation({ uscc: '91350100M000100Y44', usccOverride }));
    expect(r.kind === 'organisation' && [r.uscc, r.usccOverride]).toEqual(['91350100M000100Y44', usccOverride]);
  });

  it('never overrides a format error', () => {
    const usccOverride = { reason: '已核对营业执照原件', supervisor: '王值班长' };
    expect(issues(organisation({ uscc: '91350100M000100O43', usccOverride }))).toEqual([
      { path: 'uscc', code: 'uscc_chars', overridable: false },
    ]);
    expect(issues(organisation({ uscc: '91350100M000100Y4', usccOverride }))).toEqual([
      { path: 'uscc', code: 'uscc_length', overridable: false },
    ]);
  });

  it('requires a reason of at least 4 characters and a supervisor', () => {
    const r = schema.safeParse(organisation({ uscc: '91350100M000100Y44', usccOverride: { reason: ' ok ', supervisor: '' } }));
    expect(r.success).toBe(false);
    if (r.success) return;
    // The override's own rules are zod's length checks, named in their message; the validators' codes are in params.
    expect(r.error.issues.map((i) => [i.path.join('.'), i.code === 'custom' ? i.params?.['code'] : i.message.split(':')[0]])).toEqual([
      ['usccOverride.reason', 'uscc_override_reason'],
      ['usccOverride.supervisor', 'uscc_override_supervisor'],
      ['uscc', 'uscc_checksum'],
    ]);
  });

  it('drops an override that was not needed (nothing to journal)', () => {
    const r = schema.parse(organisation({ usccOverride: { reason: '已核对营业执照原件', supervisor: '王值班长' } }));
    expect(r).not.toHaveProperty('usccOverride');
  });

  it('validates the legal representative’s document and name', () => {
    const legalRep = { idType: 'foreign_permanent_residence', idNumber: '11010519491231002X', name: '' };
    expect(issues(organisation({ legalRep }))).toEqual([
      { path: 'legalRep.name', code: 'name_empty', overridable: false },
      { path: 'legalRep.idNumber', code: 'foreign_permanent_residence_area_code', overridable: false },
    ]);
  });

  it('reports organisation name, credit code and legal representative together', () => {
    const input = organisation({
      name: '',
      uscc: '91350100M000100Y44',
      legalRep: { idType: 'resident_id', idNumber: '440524188001010015', name: '李四' },
    });
    expect(issues(input)).toEqual([
      { path: 'name', code: 'name_empty', overridable: false },
      { path: 'legalRep.idNumber', code: 'id_checksum', overridable: false },
      { path: 'uscc', code: 'uscc_checksum', overridable: true },
    ]);
  });

  it('accepts an agent with a power of attorney', () => {
    const agent = { idType: 'resident_id', idNumber: '31010419900307123x', name: '赵六', phone: '021-63211234', powerOfAttorney: true };
    const r = schema.parse(organisation({ agent }));
    expect(r.agent).toMatchObject({ idNumber: '31010419900307123X', sex: 'male', phone: '021-63211234' });
  });

  it('allows an organisation name of 200 code points but not a person’s', () => {
    expect(issues(organisation({ name: '司'.repeat(200) }))).toEqual([]);
    expect(issues(organisation({ name: '司'.repeat(201) }))).toEqual([{ path: 'name', code: 'name_too_long', overridable: false }]);
  });
});

describe('applicantSchema: malformed input never throws', () => {
  it('reports a nested object that is not an object as a type error', () => {
    for (const bad of [null, 'x', 5, []]) {
      expect(issues(person({ agent: bad })), JSON.stringify(bad)).toEqual([{ path: 'agent', code: 'invalid_type', overridable: undefined }]);
      expect(issues(organisation({ legalRep: bad })), JSON.stringify(bad)).toEqual([
        { path: 'legalRep', code: 'invalid_type', overridable: undefined },
      ]);
      expect(issues(organisation({ usccOverride: bad, uscc: '91350100M000100Y44' })), JSON.stringify(bad)).toEqual([
        { path: 'usccOverride', code: 'invalid_type', overridable: undefined },
        { path: 'uscc', code: 'uscc_checksum', overridable: true },
      ]);
    }
  });

  it('reports fields of the wrong type without running the validators on them', () => {
    expect(issues(person({ idNumber: 110105, name: null }))).toEqual([
      { path: 'idNumber', code: 'invalid_type', overridable: undefined },
      { path: 'name', code: 'invalid_type', overridable: undefined },
    ]);
    expect(issues(organisation({ uscc: 91350100 }))).toEqual([{ path: 'uscc', code: 'invalid_type', overridable: undefined }]);
  });

  it('refuses input that is not an object', () => {
    for (const bad of [null, undefined, 'person', 1, []]) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('applicantSchema: kind and today', () => {
  it('refuses an unknown kind', () => {
    expect(issues({ kind: 'robot' })[0]?.path).toBe('kind');
  });

  it('throws when today is malformed', () => {
    expect(() => applicantSchema('15/06/2025')).toThrow(RangeError);
  });
});
