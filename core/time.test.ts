import { describe, expect, it } from 'vitest';
import { businessDateTime, businessDay } from './time.js';

describe('business time (UTC+8)', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(businessDay('2026-03-05T15:59:59.999Z')).toBe('2026-03-05');
    expect(businessDay('2026-03-05T16:00:00.000Z')).toBe('2026-03-06');
    expect(businessDateTime('2026-03-05T16:00:00.000Z')).toBe('2026-03-06T00:00:00');
  });

  it('reads instants written with another offset', () => {
    expect(businessDateTime('2026-12-31T23:30:00-05:00')).toBe('2027-01-01T12:30:00');
  });

  it('refuses what is not an instant', () => {
    expect(() => businessDateTime('yesterday')).toThrow(RangeError);
    expect(() => businessDay('')).toThrow(RangeError);
  });
});
