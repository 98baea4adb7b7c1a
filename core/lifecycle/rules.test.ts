import { describe, expect, it } from 'vitest';
import { DomainError } from '../result.js';
import { checkFailable, checkPromise, checkResubmission } from './rules.js';

const reason = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.reason;
    throw err;
  }
  return undefined;
};

describe('补正: a resubmission', () => {
  const original = { caseNo: 'T1-20261126-0001', outcome: 'correction', resubmitted: false, idType: 'resident_id', idNumber: '11010519491231002X' };
  it('names an open correction case of the same applicant (ID compared normalised)', () => {
    expect(reason(() => checkResubmission(original, { idType: 'resident_id', idNumber: '110105 19491231 002x' }))).toBeUndefined();
    expect(reason(() => checkResubmission({ ...original, outcome: 'accepted' }, original))).toBe('resubmission_not_correction');
    expect(reason(() => checkResubmission({ ...original, resubmitted: true }, original))).toBe('resubmission_closed');
    expect(reason(() => checkResubmission(original, { idType: 'resident_id', idNumber: '110101199003070011' }))).toBe('resubmission_other_applicant');
    expect(reason(() => checkResubmission(original, { idType: 'passport_cn', idNumber: original.idNumber }))).toBe('resubmission_other_applicant');
  });
});

describe('容缺: a promised material', () => {
  const materials = [
    { entryId: 'lease', status: 'missing', promisedDate: '2026-12-01', closed: false },
    { entryId: 'photo', status: 'received', promisedDate: null, closed: false },
    { entryId: 'done', status: 'missing', promisedDate: '2026-12-01', closed: true },
  ];
  it('must be one of the case’s open gaps; it fails only once overdue', () => {
    expect(checkPromise(materials, 'lease', true).entryId).toBe('lease');
    expect(reason(() => checkPromise(materials, 'photo', true))).toBe('promise_not_a_gap');
    expect(reason(() => checkPromise(materials, 'nope', true))).toBe('promise_not_a_gap');
    expect(reason(() => checkPromise(materials, 'lease', false))).toBe('promise_not_a_gap');
    expect(reason(() => checkPromise(materials, 'done', true))).toBe('promise_closed');
    const lease = materials[0]!;
    expect(reason(() => checkFailable(lease, '2026-12-01'))).toBe('promise_not_overdue');
    expect(reason(() => checkFailable(lease, '2026-12-02'))).toBeUndefined();
  });
});
