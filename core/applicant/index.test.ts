import { describe, expect, it } from 'vitest';
import * as applicant from './index.js';

describe('core/applicant public API', () => {
  it('exports the validators and the schema factory', () => {
    for (const name of [
      'normalizeDocumentNumber',
      'idCardCheckChar',
      'validateIdCard',
      'usccCheckChar',
      'validateUscc',
      'validateIdDocument',
      'validatePersonName',
      'validateOrgName',
      'validatePhone',
      'applicantSchema',
    ] as const) {
      expect(typeof applicant[name], name).toBe('function');
    }
  });

  it('validates the two examples of DOMAIN.md', () => {
    expect(applicant.validateIdCard('11010519491231002X', '2025-06-15').ok).toBe(true);
    expect(applicant.validateUscc('91350100M000100Y43').ok).toBe(true);
  });
});
