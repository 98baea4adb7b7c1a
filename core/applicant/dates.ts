/**
 * Calendar arithmetic for birth dates. core/ has no clock: "today" is always passed in by the caller
 * as 'YYYY-MM-DD' (the terminal's local date), and dates compare as strings in that form.
 */

import { daysInMonth, isIsoDate } from '../calendar/dates.js';

// One implementation of the Gregorian rules for the whole of core: the calendar's.
export { daysInMonth, isIsoDate, isLeapYear } from '../calendar/dates.js';

/** A Gregorian date that exists: month 1-12, day within that month (29 February only in leap years). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real date, else null. */
export function compactDateToIso(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (!isRealDate(year, month, day)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Guards the `today` parameter. A malformed `today` is the caller's bug, not the applicant's, so it
 * throws instead of returning a validation failure that would be shown at the counter.
 */
export function assertToday(today: string): void {
  if (!isIsoDate(today)) {
    throw new RangeError(`today must be a real date as 'YYYY-MM-DD', got ${JSON.stringify(today)}`);
  }
}
