/**
 * Calendar dates as plain 'YYYY-MM-DD' strings and whole day numbers, with no time zone anywhere.
 *
 * A `Date` built from '2026-10-01' is midnight UTC, which is still 30 September in a time zone west
 * of UTC; `new Date(2026, 9, 1)` is local midnight and shifts the other way when printed as UTC.
 * Due dates must not depend on where the terminal's clock is set, so this module never builds a
 * `Date`: it converts between civil dates and a day count (days since 1970-01-01, proleptic
 * Gregorian) with integer arithmetic only.
 */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** Parses a strict 'YYYY-MM-DD' string into its parts, or null when it is not a real date. */
export function parseIsoDate(text: string): CivilDate | null {
  const m = ISO_DATE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** Days since 1970-01-01 (negative before it). Algorithm: H. Hinnant, "days_from_civil". */
export function toDayNumber(d: CivilDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of `toDayNumber` ("civil_from_days"). */
export function fromDayNumber(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function formatIsoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Day of the week of a valid 'YYYY-MM-DD' date (0 = Sunday … 6 = Saturday), or null if invalid. */
export function weekdayOf(text: string): number | null {
  const d = parseIsoDate(text);
  return d === null ? null : weekdayOfDayNumber(toDayNumber(d));
}

export function isWeekend(weekday: number): boolean {
  return weekday === 0 || weekday === 6;
}
