import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertToday, compactDateToIso, daysInMonth, isIsoDate, isLeapYear, isRealDate } from './dates.js';

describe('calendar', () => {
  it('knows the Gregorian leap years', () => {
    expect([2000, 2004, 2024, 1600].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([1900, 2100, 2023, 1999].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it('knows the month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('tells real dates from impossible ones', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1999, 2, 29)).toBe(false);
    expect(isRealDate(1999, 2, 30)).toBe(false);
    expect(isRealDate(1999, 4, 31)).toBe(false);
    expect(isRealDate(1999, 13, 1)).toBe(false);
    expect(isRealDate(1999, 0, 1)).toBe(false);
    expect(isRealDate(1999, 1, 0)).toBe(false);
  });

  it('agrees with the JavaScript Date calendar on every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const date = new Date(Date.UTC(y, m - 1, d));
        const roundTrips = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        expect(isRealDate(y, m, d)).toBe(roundTrips);
      }),
    );
  });
});

describe('compactDateToIso', () => {
  it('turns YYYYMMDD into YYYY-MM-DD when real', () => {
    expect(compactDateToIso('19491231')).toBe('1949-12-31');
    expect(compactDateToIso('20000229')).toBe('2000-02-29');
  });

  it('returns null for impossible or malformed dates', () => {
    expect(compactDateToIso('19990230')).toBeNull();
    expect(compactDateToIso('19991301')).toBeNull();
    expect(compactDateToIso('1999123')).toBeNull();
    expect(compactDateToIso('1999-1-1')).toBeNull();
  });
});

describe('today', () => {
  it('accepts a real YYYY-MM-DD', () => {
    expect(isIsoDate('2025-06-15')).toBe(true);
    expect(() => assertToday('2024-02-29')).not.toThrow();
  });

  it('throws on a malformed today: that is the caller’s bug, not the applicant’s', () => {
    for (const bad of ['', '2025-6-15', '20250615', '2025-02-30', '2025-06-15T00:00:00Z']) {
      expect(() => assertToday(bad)).toThrow(RangeError);
    }
  });
});
