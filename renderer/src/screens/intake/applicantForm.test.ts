import { describe, expect, it } from 'vitest';
import {
  A,
  AGENT,
  applicantIssues,
  buildApplicant,
  derivedIdentity,
  emptyApplicantForm,
  isLiveReason,
  LEGAL_REP,
  lookupKey,
  OVERRIDE_REASON,
  OVERRIDE_SUPERVISOR,
  prefill,
  SUPERVISOR_PASSWORD,
  supervisorPasswordOf,
  valueOf,
  visiblePaths,
  type ApplicantForm,
} from './applicantForm.js';

const TODAY = '2026-06-01';
/** GB 11643 numbers with a right check character (born 1949-12-31, female; 1990-03-07, male). */
const ID = '11010519491231002X';
const ID_2 = '110105199003071239';
const USCC = '91350100M000100Y43';
/** The same code with a wrong check character: a supervisor may let it pass. */
const USCC_BAD_CHECK = '91350100M000100Y44';

function form(kind: ApplicantForm['kind'], values: Record<string, string>, over: Partial<ApplicantForm> = {}): ApplicantForm {
  const f = emptyApplicantForm();
  return { ...f, kind, values: { ...f.values, [kind]: { ...f.values[kind], ...values } }, ...over };
}

const person = (values: Record<string, string> = {}, over: Partial<ApplicantForm> = {}) =>
  form('person', { [`${A}.idNumber`]: ID, [`${A}.name`]: '张三', [`${A}.phone`]: '13800138000', ...values }, over);
const organisation = (values: Record<string, string> = {}, over: Partial<ApplicantForm> = {}) =>
  form('organisation', { [`${A}.name`]: '某某有限公司', [`${A}.uscc`]: USCC, [`${LEGAL_REP}.idNumber`]: ID, [`${LEGAL_REP}.name`]: '李四', ...values }, over);
const reasons = (issues: ReturnType<typeof applicantIssues>): Record<string, string> => Object.fromEntries(Object.entries(issues).map(([k, v]) => [k, v.reason]));

describe('applicantIssues', () => {
  it('finds nothing in a complete person or organisation', () => {
    expect(applicantIssues(person(), TODAY)).toEqual({});
    expect(applicantIssues(organisation(), TODAY)).toEqual({});
  });

  it('names each empty field of a person by the path the server uses', () => {
    expect(reasons(applicantIssues(emptyApplicantForm(), TODAY))).toEqual({ [`${A}.idNumber`]: 'id_empty', [`${A}.name`]: 'name_empty', [`${A}.phone`]: 'phone_empty' });
  });

  it('keeps the position of a bad character', () => {
    expect(applicantIssues(person({ [`${A}.phone`]: '138a' }), TODAY)[`${A}.phone`]).toEqual({ reason: 'phone_chars', position: 4 });
  });

  it('checks the type of document chosen', () => {
    expect(reasons(applicantIssues(person({ [`${A}.idType`]: 'passport_cn', [`${A}.idNumber`]: '' }), TODAY))).toEqual({ [`${A}.idNumber`]: 'passport_cn_empty' });
  });

  it("refuses a credit code's wrong check character unless the override is open, which then asks who, why and their password", () => {
    expect(reasons(applicantIssues(organisation({ [`${A}.uscc`]: USCC_BAD_CHECK }), TODAY))).toEqual({ [`${A}.uscc`]: 'uscc_checksum' });
    expect(reasons(applicantIssues(organisation({ [`${A}.uscc`]: USCC_BAD_CHECK }, { override: true }), TODAY))).toEqual({
      [OVERRIDE_SUPERVISOR]: 'uscc_override_supervisor',
      [SUPERVISOR_PASSWORD]: 'supervisor_password_empty',
      [OVERRIDE_REASON]: 'uscc_override_reason',
    });
    const signed = { [`${A}.uscc`]: USCC_BAD_CHECK, [OVERRIDE_SUPERVISOR]: 'zhang', [SUPERVISOR_PASSWORD]: 'pw', [OVERRIDE_REASON]: '营业执照核对无误' };
    expect(applicantIssues(organisation(signed, { override: true }), TODAY)).toEqual({});
  });

  it('does not let the override pass a code that is wrong in other ways', () => {
    expect(reasons(applicantIssues(organisation({ [`${A}.uscc`]: '9135' }, { override: true }), TODAY))).toEqual({ [`${A}.uscc`]: 'uscc_length' });
  });

  it('asks an organisation for no phone, but checks one that is given', () => {
    expect(applicantIssues(organisation({ [`${A}.phone`]: '  ' }), TODAY)).toEqual({});
    expect(reasons(applicantIssues(organisation({ [`${A}.phone`]: '1' }), TODAY))[`${A}.phone`]).toBeDefined();
  });

  it('checks the agent only with one, the power of attorney included', () => {
    expect(applicantIssues(person({}, { hasAgent: false, powerOfAttorney: false }), TODAY)).toEqual({});
    expect(reasons(applicantIssues(person({}, { hasAgent: true, powerOfAttorney: false }), TODAY))).toEqual({
      [`${AGENT}.idNumber`]: 'id_empty',
      [`${AGENT}.name`]: 'name_empty',
      [`${AGENT}.phone`]: 'phone_empty',
      [`${AGENT}.powerOfAttorney`]: 'power_of_attorney_missing',
    });
  });

  it('refuses an address over 300 characters', () => {
    expect(reasons(applicantIssues(person({ [`${A}.address`]: '路'.repeat(301) }), TODAY))).toEqual({ [`${A}.address`]: 'address_too_long' });
    expect(applicantIssues(person({ [`${A}.address`]: '路'.repeat(300) }), TODAY)).toEqual({});
  });
});

describe('isLiveReason', () => {
  it('shows at once what typing more cannot fix, and waits with "empty" and "too short"', () => {
    for (const r of ['id_checksum', 'id_chars', 'phone_chars', 'name_control_chars', 'address_too_long', 'id_birth_date_future']) expect(isLiveReason(r)).toBe(true);
    for (const r of ['id_empty', 'id_length', 'phone_format', 'name_empty', 'uscc_length']) expect(isLiveReason(r)).toBe(false);
  });
});

describe('derivedIdentity and lookupKey', () => {
  it('reads birth date and sex from a valid resident ID, nothing from an invalid one', () => {
    expect(derivedIdentity(person(), A, TODAY)).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(derivedIdentity(person({ [`${A}.idNumber`]: ID_2 }), A, TODAY)).toEqual({ birthDate: '1990-03-07', sex: 'male' });
    expect(derivedIdentity(person({ [`${A}.idNumber`]: '110105194912310021' }), A, TODAY)).toBeNull();
  });

  it('looks a person up by the normalised number, an organisation by its code, and not at all while invalid', () => {
    expect(lookupKey(person({ [`${A}.idNumber`]: ID.toLowerCase() }), TODAY)).toBe(ID);
    expect(lookupKey(organisation(), TODAY)).toBe(USCC);
    expect(lookupKey(person({ [`${A}.idNumber`]: ID.slice(0, 17) }), TODAY)).toBeNull();
    expect(lookupKey(organisation({ [`${A}.uscc`]: USCC_BAD_CHECK }), TODAY)).toBeNull();
  });
});

describe('buildApplicant', () => {
  it('builds a person with only the keys the schema takes (no empty address, no agent)', () => {
    expect(buildApplicant(person())).toEqual({ kind: 'person', idType: 'resident_id', idNumber: ID, name: '张三', phone: '13800138000' });
  });

  it('adds the address and the agent when there are', () => {
    const agent = { [`${AGENT}.idNumber`]: ID_2, [`${AGENT}.name`]: '王五', [`${AGENT}.phone`]: '13900139000', [`${AGENT}.address`]: ' ' };
    expect(buildApplicant(person({ [`${A}.address`]: '徐汇区', ...agent }, { hasAgent: true }))).toEqual({
      kind: 'person',
      idType: 'resident_id',
      idNumber: ID,
      name: '张三',
      phone: '13800138000',
      address: '徐汇区',
      agent: { idType: 'resident_id', idNumber: ID_2, name: '王五', phone: '13900139000', powerOfAttorney: true },
    });
  });

  it('sends the override only with a code that fails its check character, and the password apart', () => {
    const signed = { [OVERRIDE_SUPERVISOR]: 'zhang', [SUPERVISOR_PASSWORD]: 'pw', [OVERRIDE_REASON]: '营业执照核对无误' };
    const good = organisation(signed, { override: true });
    expect(buildApplicant(good)).toEqual({ kind: 'organisation', name: '某某有限公司', uscc: USCC, legalRep: { idType: 'resident_id', idNumber: ID, name: '李四' } });
    expect(supervisorPasswordOf(good)).toBeUndefined();
    const bad = organisation({ ...signed, [`${A}.uscc`]: USCC_BAD_CHECK }, { override: true });
    expect(buildApplicant(bad).usccOverride).toEqual({ reason: '营业执照核对无误', supervisor: 'zhang' });
    expect(supervisorPasswordOf(bad)).toBe('pw');
    expect(JSON.stringify(buildApplicant(bad))).not.toContain('pw');
    expect(supervisorPasswordOf(organisation({ ...signed, [`${A}.uscc`]: USCC_BAD_CHECK }))).toBeUndefined();
  });
});

describe('prefill', () => {
  const stored = { kind: 'person', name: '张三', phone: '13800138000', address: '徐汇区' };

  it('fills the empty fields and says which', () => {
    const { form: f, filled } = prefill(form('person', { [`${A}.idNumber`]: ID }), stored);
    expect(filled.sort()).toEqual([`${A}.address`, `${A}.name`, `${A}.phone`]);
    expect(valueOf(f, `${A}.name`)).toBe('张三');
  });

  it('never overwrites what the clerk typed', () => {
    const { form: f, filled } = prefill(form('person', { [`${A}.name`]: '张叁' }), stored);
    expect(valueOf(f, `${A}.name`)).toBe('张叁');
    expect(filled).not.toContain(`${A}.name`);
  });

  it('fills nothing from a record of the other kind', () => {
    expect(prefill(organisation({ [`${A}.name`]: '' }), stored).filled).toEqual([]);
  });

  it("fills an organisation's legal representative, the document type with the number", () => {
    const rep = { kind: 'organisation', name: '某某有限公司', legalRep: { idType: 'passport_cn', idNumber: 'E12345678', name: '李四' } };
    const { form: f, filled } = prefill(form('organisation', { [`${A}.uscc`]: USCC }), rep);
    expect(valueOf(f, `${LEGAL_REP}.idType`)).toBe('passport_cn');
    expect(valueOf(f, `${LEGAL_REP}.idNumber`)).toBe('E12345678');
    expect(filled).toContain(`${LEGAL_REP}.name`);
    // A representative's number already typed keeps its type too.
    const typed = prefill(form('organisation', { [`${LEGAL_REP}.idNumber`]: ID }), rep).form;
    expect([valueOf(typed, `${LEGAL_REP}.idType`), valueOf(typed, `${LEGAL_REP}.idNumber`)]).toEqual(['resident_id', ID]);
  });
});

describe('the form', () => {
  it('keeps one set of values per kind, so switching kind and back loses nothing', () => {
    const f = person();
    const back = { ...{ ...f, kind: 'organisation' as const }, kind: 'person' as const };
    expect(valueOf(back, `${A}.name`)).toBe('张三');
    expect(valueOf({ ...f, kind: 'organisation' }, `${A}.name`)).toBe('');
  });

  it('shows a field for each path the applicant step has, as the form stands', () => {
    expect(visiblePaths(person())).toEqual([`${A}.phone`, `${A}.address`, `${A}.idType`, `${A}.idNumber`, `${A}.name`]);
    const org = visiblePaths(organisation({}, { override: true, hasAgent: true }));
    expect(org).toEqual(expect.arrayContaining([`${A}.uscc`, `${LEGAL_REP}.idNumber`, OVERRIDE_SUPERVISOR, OVERRIDE_REASON, SUPERVISOR_PASSWORD, `${AGENT}.powerOfAttorney`]));
    expect(org).not.toContain(`${A}.idNumber`);
  });
});
