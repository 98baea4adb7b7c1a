import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../core/result.js';
import { A, valueOf } from './applicantForm.js';
import { initialIntake, intakeReducer, type IntakeAction, type IntakeState } from './intakeReducer.js';
import type { CaseSummary, Checklist, Hit } from './types.js';

const TODAY = '2026-06-01';
const ID = '11010519491231002X';
const err = (reason: string): AppError => ({ code: 'invalid_input', message: 'refused', reason });

const hit: Hit = { kind: 'item', code: 'I1', name: { 'zh-CN': '事项', en: 'Item' }, matchedBy: 'code' };
const checklist: Checklist = {
  itemCodes: ['I1'],
  bundleCode: null,
  title: { 'zh-CN': '事项', en: 'Item' },
  items: [{ code: 'I1', name: { 'zh-CN': '事项', en: 'Item' }, kind: 'promised', legalLimitDays: 20, promisedLimitDays: 10, feeFen: 0 }],
  entries: [
    { id: 'e1', name: { 'zh-CN': '身份证', en: 'ID card' }, required: true, key: true, form: 'original', copies: 1, exemptByCertificate: null },
    { id: 'e2', name: { 'zh-CN': '申请表', en: 'Form' }, required: true, key: false, form: 'copy', copies: 2, exemptByCertificate: null },
  ],
};

const run = (actions: IntakeAction[], from: IntakeState = initialIntake('intake-1', TODAY)): IntakeState => actions.reduce(intakeReducer, from);
const chosen = (): IntakeState => run([{ type: 'choose', target: hit, checklist, today: TODAY }]);

describe('intakeReducer', () => {
  it('starts at the item step with an empty person and the default outcome', () => {
    const s = initialIntake('intake-1', TODAY);
    expect(s).toMatchObject({ intakeId: 'intake-1', step: 'item', target: null, marks: [], server: {}, sending: false, result: null, focusInvalid: 0 });
    expect(s.applicant.kind).toBe('person');
    expect(s.outcome.choice).toBe('accept');
  });

  it('choosing an item moves on with its checklist marked received and any old refusal gone', () => {
    const s = run([{ type: 'choose', target: hit, checklist, today: TODAY }], { ...initialIntake('intake-1', TODAY), server: { target: err('item_unknown') } });
    expect(s.step).toBe('applicant');
    expect(s.marks.map((m) => [m.status, m.form, m.copies])).toEqual([
      ['received', 'original', '1'],
      ['received', 'copy', '2'],
    ]);
    expect(s.server).toEqual({});
  });

  it("typing a field sets it for the current kind, drops the server's complaint about it and its prefill mark", () => {
    const before: IntakeState = { ...chosen(), prefilled: [`${A}.name`, `${A}.phone`], server: { [`${A}.name`]: err('name_empty'), [`${A}.phone`]: err('phone_format') } };
    const s = intakeReducer(before, { type: 'value', path: `${A}.name`, value: '张三' });
    expect(valueOf(s.applicant, `${A}.name`)).toBe('张三');
    expect(s.prefilled).toEqual([`${A}.phone`]);
    expect(Object.keys(s.server)).toEqual([`${A}.phone`]);
  });

  it('a complaint about a field goes with its sub-fields, not with a field that only shares the start of its name', () => {
    const before: IntakeState = { ...chosen(), server: { 'applicant.legalRep': err('a'), 'applicant.legalRep.name': err('b'), 'applicant.legalRepX': err('c') } };
    const s = intakeReducer(before, { type: 'value', path: 'applicant.legalRep', value: 'x' });
    expect(Object.keys(s.server)).toEqual(['applicant.legalRepX']);
  });

  it('switching kind keeps what was typed for each kind, and drops the applicant complaints', () => {
    const s1 = run([{ type: 'value', path: `${A}.name`, value: '张三' }, { type: 'kind', kind: 'organisation' }], { ...chosen(), server: { [`${A}.uscc`]: err('uscc_checksum'), deadline: err('date_invalid') } });
    expect(valueOf(s1.applicant, `${A}.name`)).toBe('');
    expect(Object.keys(s1.server)).toEqual(['deadline']);
    expect(valueOf(intakeReducer(s1, { type: 'kind', kind: 'person' }).applicant, `${A}.name`)).toBe('张三');
  });

  it('a flag drops the complaints about the override and the supervisor password', () => {
    const before: IntakeState = { ...chosen(), server: { 'applicant.usccOverride.reason': err('x'), supervisorPassword: err('bad_credentials'), [`${A}.name`]: err('name_empty') } };
    const s = intakeReducer(before, { type: 'flag', flag: 'override', value: true });
    expect(s.applicant.override).toBe(true);
    expect(Object.keys(s.server)).toEqual([`${A}.name`]);
  });

  it('a field is touched once; touching it again changes nothing', () => {
    const s = intakeReducer(chosen(), { type: 'touch', path: `${A}.name` });
    expect(s.touched).toEqual([`${A}.name`]);
    expect(intakeReducer(s, { type: 'touch', path: `${A}.name` })).toBe(s);
  });

  it('a returning applicant fills the empty fields and marks them; a record with nothing new changes nothing', () => {
    const s = run([{ type: 'value', path: `${A}.idNumber`, value: ID }, { type: 'prefill', stored: { kind: 'person', name: '张三', phone: '13800138000' } }], chosen());
    expect(valueOf(s.applicant, `${A}.name`)).toBe('张三');
    expect([...s.prefilled].sort()).toEqual([`${A}.name`, `${A}.phone`]);
    expect(intakeReducer(s, { type: 'prefill', stored: { kind: 'organisation', name: 'x' } })).toBe(s);
  });

  it('a mark changes one material and settles every complaint about the materials (one mark can answer an outcome refusal)', () => {
    const before: IntakeState = { ...chosen(), server: { 'materials.0': err('required_material_missing'), materials: err('correction_empty'), 'materials.1.copies': err('copies_range'), deadline: err('date_invalid') } };
    const s = intakeReducer(before, { type: 'mark', index: 0, patch: { status: 'missing' } });
    expect(s.marks.map((m) => m.status)).toEqual(['missing', 'received']);
    expect(Object.keys(s.server)).toEqual(['deadline']);
  });

  it('an outcome change drops the complaint of that field (the gap fields under gaps); another choice drops them all', () => {
    const server = { 'gaps.promisedDate': err('date_not_future'), gaps: err('gaps_without_missing'), reason: err('reject_reason_short'), 'materials.0': err('x') };
    const s = intakeReducer({ ...chosen(), server }, { type: 'outcome', patch: { promisedDate: '2026-06-09' } });
    expect(s.outcome.promisedDate).toBe('2026-06-09');
    expect(Object.keys(s.server).sort()).toEqual(['materials.0', 'reason']);
    expect(Object.keys(intakeReducer({ ...chosen(), server }, { type: 'outcome', patch: { reason: '不属本机关' } }).server).sort()).toEqual(['gaps', 'gaps.promisedDate', 'materials.0']);
    expect(intakeReducer({ ...chosen(), server }, { type: 'outcome', patch: { choice: 'reject' } }).server).toEqual({});
  });

  it('an attempt shows every error of the step and asks for the focus on the first', () => {
    const s = run([{ type: 'attempt', step: 'applicant' }, { type: 'attempt', step: 'applicant' }], chosen());
    expect(s.attempted).toEqual(['applicant']);
    expect(s.focusInvalid).toBe(2);
  });

  it('a refusal of the commit goes back to its step with the one complaint, and sending stops', () => {
    const sending = run([{ type: 'sending' }], { ...chosen(), server: { old: err('x') } });
    expect(sending).toMatchObject({ sending: true, server: {} });
    const s = intakeReducer(sending, { type: 'refused', error: err('id_checksum'), step: 'applicant', field: `${A}.idNumber` });
    expect(s).toMatchObject({ sending: false, step: 'applicant', server: { [`${A}.idNumber`]: { reason: 'id_checksum' } }, attempted: ['applicant'], focusInvalid: 1 });
  });

  it('done shows the case; reset starts a clean intake with the new id', () => {
    const result = { caseNo: 'T3101040007-20260601-0001' } as CaseSummary;
    const done = run([{ type: 'sending' }, { type: 'done', result }], chosen());
    expect(done).toMatchObject({ step: 'done', sending: false, result });
    expect(intakeReducer(done, { type: 'reset', intakeId: 'intake-2', today: TODAY })).toEqual(initialIntake('intake-2', TODAY));
  });
});
