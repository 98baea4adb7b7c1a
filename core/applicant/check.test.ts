import { describe, expect, it } from 'vitest';
import { DomainError } from '../result.js';
import { charAt, invalid, toDomainError, valid } from './check.js';

describe('check results', () => {
  it('builds valid and invalid results; overridable defaults to false', () => {
    expect(valid(1)).toEqual({ ok: true, value: 1 });
    expect(invalid('x_bad', 'bad')).toEqual({ ok: false, code: 'x_bad', message: 'bad', overridable: false });
    expect(invalid('x_sum', 'sum', { overridable: true, position: 18 })).toEqual({
      ok: false,
      code: 'x_sum',
      message: 'sum',
      overridable: true,
      position: 18,
    });
  });

  it('turns a failure into an invalid_input DomainError with the code as its reason', () => {
    const e = toDomainError(invalid('id_checksum', 'check character does not match'), 'applicant.idNumber');
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('invalid_input');
    expect(e.reason).toBe('id_checksum');
    expect(e.message).toBe('check character does not match');
    expect(e.field).toBe('applicant.idNumber');
  });

  it('charAt returns whole characters outside the BMP', () => {
    expect(charAt('a𠮷', 1)).toBe('𠮷');
    expect(charAt('a', 5)).toBe('');
  });
});
