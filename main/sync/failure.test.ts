import { describe, expect, it } from 'vitest';
import { kindOf } from './failure.js';

describe('what an answer means for the loop', () => {
  it('retries 5xx and the retryable codes, stops for a person on the rest, and on a full quota (507) too', () => {
    expect(kindOf(503, 'unavailable')).toBe('retry');
    expect(kindOf(500, null)).toBe('retry');
    expect(kindOf(429, null)).toBe('retry');
    expect(kindOf(409, 'seq_gap')).toBe('attention');
    expect(kindOf(409, 'store_forked')).toBe('attention');
    // A quota does not empty itself by waiting: IT must raise it.
    expect(kindOf(507, 'blob_quota_exceeded')).toBe('attention');
  });
});
