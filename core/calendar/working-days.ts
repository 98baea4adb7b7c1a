import type { CALENDAR_REASONS } from '../reasons.js';
import { DomainError } from '../result.js';
import { formatIsoDate, fromDayNumber, isWeekend, parseIsoDate, toDayNumber, weekdayOfDayNumber } from './dates.js';

/**
 * Working days for due dates (办结时限), from the State Council's yearly holiday arrangement.
 *
 * A day is a working day when it is Monday to Friday and not a public holiday, or when it is a
 * Saturday or Sunday that the arrangement names as a make-up workday (调休上班).
 *
 * Counting rule of `addWorkingDays(start, n)`: the day of acceptance does not count; the first day
 * counted is the next working day after it, and the due date is the day on which the n-th working
 * day falls. This follows the practice under the Administrative Licensing Law (行政许可法 §42 with
 * §82: time limits are counted in working days, excluding public holidays; 民法典 §201 and the
 * general rule that a period "自受理之日起" starts to run on the following day). So an item with a
 * 1-day limit accepted on a Friday is due the next Monday, and a case accepted on a holiday (for
 * example at a self-service terminal) is due n working days after the holiday ends.
 * `n = 0` (即办件, done on the spot) returns `start` itself, whatever kind of day it is.
 *
 * Dates are 'YYYY-MM-DD' strings computed with integer day counts (see dates.ts): no `Date`, no
 * time zone. Any date in a year this calendar has no data for is an error with reason
 * `calendar_year_unknown`, never a guess from weekdays alone: a due date printed on a notice
 * must not silently ignore a holiday.
 */

/** One year of the holiday arrangement, as stored in the catalog's `calendar`. */
export interface CalendarYearData {
  year: number;
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
  /** 'provisional' when the year's arrangement is not yet published and the dates are a projection. */
  status?: 'official' | 'provisional' | undefined;
}

export type CalendarErrorReason = (typeof CALENDAR_REASONS)[number];

/**
 * A refusal from the working-day calendar. It is a DomainError, so a handler turns it into
 * `{ ok: false }`; `reason` is the precise cause.
 * `calendar_year_unknown` maps to the stable code `unavailable` (the year's calendar has not reached
 * this terminal yet); the others to `invalid_input`.
 */
export class CalendarError extends DomainError {
  declare readonly reason: CalendarErrorReason;
  /** The year that is missing, for `calendar_year_unknown`. */
  readonly year: number | undefined;

  constructor(reason: CalendarErrorReason, message: string, year?: number) {
    super(reason === 'calendar_year_unknown' ? 'unavailable' : 'invalid_input', message, undefined, reason);
    this.name = 'CalendarError';
    this.year = year;
  }
}

interface YearTable {
  /** Day number of 1 January. */
  start: number;
  /** 1 = working day, 0 = rest day, indexed by day of the year (0-based). */
  working: Uint8Array;
  status: 'official' | 'provisional';
}

export class WorkingCalendar {
  private readonly tables = new Map<number, YearTable>();

  constructor(entries: readonly CalendarYearData[]) {
    for (const entry of entries) {
      if (this.tables.has(entry.year)) {
        throw new CalendarError('invalid_calendar', `year ${entry.year} is given twice`);
      }
      this.tables.set(entry.year, buildYear(entry));
    }
  }

  /** The years this calendar knows, ascending. */
  get years(): number[] {
    return [...this.tables.keys()].sort((a, b) => a - b);
  }

  /** True when the year's dates are a projection, not the published arrangement. */
  isProvisional(year: number): boolean {
    return this.table(year).status === 'provisional';
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumberOf(date, 'date'));
  }

  /**
   * The due date: the day on which the n-th working day after `start` falls (`start` itself is
   * not counted; n = 0 returns `start`). See the note at the top of this file.
   */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new CalendarError('invalid_count', `the number of working days must be a whole number ≥ 0, got ${n}`);
    }
    let day = dayNumberOf(start, 'start');
    this.table(fromDayNumber(day).year); // the start's year must be known even when n = 0
    let counted = 0;
    while (counted < n) {
      day += 1;
      if (this.isWorkingDayNumber(day)) counted += 1;
    }
    return formatIsoDate(fromDayNumber(day));
  }

  /**
   * Working days d with from < d ≤ to: how many working days have elapsed from `from` (not counted,
   * like the acceptance day) up to and including `to`. Negative when `to` is before `from`
   * (−workingDaysBetween(to, from)), 0 when they are the same day.
   * For n ≥ 1, `workingDaysBetween(s, addWorkingDays(s, n)) === n`.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = dayNumberOf(from, 'from');
    const b = dayNumberOf(to, 'to');
    if (b < a) return -this.countWorking(b, a);
    return this.countWorking(a, b);
  }

  private countWorking(a: number, b: number): number {
    this.table(fromDayNumber(a).year);
    let count = 0;
    for (let day = a + 1; day <= b; day += 1) {
      if (this.isWorkingDayNumber(day)) count += 1;
    }
    return count;
  }

  private isWorkingDayNumber(day: number): boolean {
    const { year } = fromDayNumber(day);
    const t = this.table(year);
    return t.working[day - t.start] === 1;
  }

  private table(year: number): YearTable {
    const t = this.tables.get(year);
    if (t === undefined) {
      const known = this.years;
      throw new CalendarError(
        'calendar_year_unknown',
        `no working-day calendar for ${year} (known: ${known.length === 0 ? 'none' : known.join(', ')})`,
        year,
      );
    }
    return t;
  }
}

function dayNumberOf(text: string, what: string): number {
  const d = parseIsoDate(text);
  if (d === null) throw new CalendarError('invalid_date', `${what} must be a real date written YYYY-MM-DD, got "${text}"`);
  return toDayNumber(d);
}

function buildYear(entry: CalendarYearData): YearTable {
  const start = toDayNumber({ year: entry.year, month: 1, day: 1 });
  const end = toDayNumber({ year: entry.year + 1, month: 1, day: 1 });
  const working = new Uint8Array(end - start);
  for (let i = 0; i < working.length; i += 1) {
    working[i] = isWeekend(weekdayOfDayNumber(start + i)) ? 0 : 1;
  }
  const indexOf = (date: string, list: string): number => {
    const d = parseIsoDate(date);
    if (d === null || d.year !== entry.year) {
      throw new CalendarError('invalid_calendar', `${list} of ${entry.year} has "${date}", not a date in that year`);
    }
    return toDayNumber(d) - start;
  };
  const holidays = new Set(entry.holidays.map((h) => indexOf(h, 'holidays')));
  for (const w of entry.makeupWorkdays) {
    const i = indexOf(w, 'makeupWorkdays');
    if (holidays.has(i)) throw new CalendarError('invalid_calendar', `${w} is both a holiday and a make-up workday`);
    working[i] = 1;
  }
  for (const i of holidays) working[i] = 0;
  return { start, working, status: entry.status ?? 'official' };
}
