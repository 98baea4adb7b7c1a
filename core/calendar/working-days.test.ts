import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { parseCatalog } from '../catalog/schema.js';
import { DomainError } from '../result.js';
import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber, weekdayOf } from './dates.js';
import { CalendarError, WorkingCalendar } from './working-days.js';

// The sample catalog's calendar: 2026 is the published arrangement, 2027 a provisional projection
// (see resources/catalog/README.md). The 2027 expectations below follow the sample's 2027 dates
// (春节 2/5–2/14 off, 1/31 and 2/20 worked); recompute them if those dates are corrected.
const parsed = parseCatalog(sample);
if (!parsed.ok) throw new Error(`sample catalog does not parse: ${JSON.stringify(parsed.errors)}`);
const calendar = new WorkingCalendar(parsed.catalog.calendar);

function calendarError(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarError) return e;
    throw e;
  }
  throw new Error('expected a CalendarError');
}

describe('dates', () => {
  it('converts civil dates to day numbers and back', () => {
    expect(toDayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(toDayNumber({ year: 2000, month: 3, day: 1 })).toBe(11017);
    expect(formatIsoDate(fromDayNumber(-1))).toBe('1969-12-31');
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const text = formatIsoDate(fromDayNumber(n));
        const back = parseIsoDate(text);
        return back !== null && toDayNumber(back) === n;
      }),
    );
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-1-5', '2026-01-05T00:00', ' 2026-01-05', '2026-04-31']) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
  });

  it('knows the day of the week', () => {
    expect(weekdayOf('2026-10-01')).toBe(4); // Thursday
    expect(weekdayOf('2027-02-06')).toBe(6); // Saturday, 正月初一
    expect(weekdayOf('1970-01-01')).toBe(4);
  });
});

describe('WorkingCalendar', () => {
  it('knows the years of the sample and which one is provisional', () => {
    expect(calendar.years).toEqual([2026, 2027]);
    expect(calendar.isProvisional(2026)).toBe(false);
    expect(calendar.isProvisional(2027)).toBe(true);
  });

  it('tells working days: weekdays unless a holiday, weekends only when made up', () => {
    expect(calendar.isWorkingDay('2026-03-06')).toBe(true); // ordinary Friday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // 国庆, Thursday
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false); // 国庆, Monday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true); // first day back
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up workday
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // the Sunday after it
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday, make-up workday
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up before 春节
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false); // Monday, 正月初七
  });

  it('counts 248 working days in 2026', () => {
    // 261 weekdays − 19 weekday holidays (元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5) + 6 make-up days.
    expect(calendar.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(248);
  });

  it('does not count the day of acceptance: 1 day from a Friday is the next Monday', () => {
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-06', 5)).toBe('2026-03-13');
  });

  it('n = 0 is the day itself, even a holiday', () => {
    expect(calendar.addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('skips 国庆 2026 and counts its make-up workdays', () => {
    // Accepted Wed 30 Sep: 10/1–10/7 off; Thu 10/8 = 1, Fri 10/9 = 2, Sat 10/10 (make-up) = 3, Mon 10/12 = 4, Tue 10/13 = 5.
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    // Accepted Fri 18 Sep: Sun 9/20 is a make-up workday, so it is day 1.
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    // A 20-day legal limit from Fri 18 Sep: 9/20–9/24 (5), 中秋 9/25–27 off, 9/28–30 (8), 国庆 off,
    // 10/8, 10/9, 10/10 (11), 10/12–16 (16), 10/19–22 (20).
    expect(calendar.addWorkingDays('2026-09-18', 20)).toBe('2026-10-22');
    expect(calendar.workingDaysBetween('2026-09-18', '2026-10-22')).toBe(20);
  });

  it('starts counting after the holiday when accepted on one', () => {
    expect(calendar.addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-03', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-02-15', 1)).toBe('2026-02-24'); // 春节 2026 ends Mon 2/23
  });

  it('skips Spring Festival 2027 (provisional dates of the sample)', () => {
    // Accepted Thu 4 Feb: 2/5–2/14 off; Mon 2/15 = 1 … Fri 2/19 = 5, Sat 2/20 (make-up) = 6, Mon 2/22 = 7.
    expect(calendar.addWorkingDays('2027-02-04', 1)).toBe('2027-02-15');
    expect(calendar.addWorkingDays('2027-02-04', 5)).toBe('2027-02-19');
    expect(calendar.addWorkingDays('2027-02-04', 6)).toBe('2027-02-20');
    expect(calendar.addWorkingDays('2027-02-04', 7)).toBe('2027-02-22');
    // Accepted Fri 29 Jan: Sat 1/30 off, Sun 1/31 is a make-up workday.
    expect(calendar.addWorkingDays('2027-01-29', 1)).toBe('2027-01-31');
  });

  it('crosses the new year into the next known year', () => {
    // Thu 31 Dec 2026 → 元旦 2027 is Fri–Sun 1/1–1/3 → Mon 4 Jan.
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('refuses a year it has no calendar for, instead of guessing', () => {
    const before = calendarError(() => calendar.addWorkingDays('2025-12-31', 1));
    expect(before.reason).toBe('calendar_year_unknown');
    expect(before.year).toBe(2025);
    expect(before).toBeInstanceOf(DomainError);
    expect(before.code).toBe('unavailable');
    expect(before.message).not.toMatch(/calendar_year_unknown/);
    // Fri 31 Dec 2027 + 1 working day would fall in 2028.
    expect(calendarError(() => calendar.addWorkingDays('2027-12-31', 1)).year).toBe(2028);
    expect(calendarError(() => calendar.isWorkingDay('2028-01-03')).reason).toBe('calendar_year_unknown');
    expect(calendarError(() => calendar.workingDaysBetween('2026-12-01', '2028-01-05')).year).toBe(2028);
    expect(calendarError(() => calendar.addWorkingDays('2031-06-01', 0)).reason).toBe('calendar_year_unknown');
  });

  it('rejects bad dates and counts', () => {
    expect(calendarError(() => calendar.addWorkingDays('2026-02-29', 1)).reason).toBe('invalid_date');
    expect(calendarError(() => calendar.isWorkingDay('2026/10/08')).reason).toBe('invalid_date');
    expect(calendarError(() => calendar.addWorkingDays('2026-03-06', -1)).reason).toBe('invalid_count');
    expect(calendarError(() => calendar.addWorkingDays('2026-03-06', 1.5)).reason).toBe('invalid_count');
  });

  it('workingDaysBetween is signed and 0 for the same day', () => {
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(calendar.workingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
    expect(calendar.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  it('addWorkingDays and workingDaysBetween agree, and a due date is a working day', () => {
    const start = toDayNumber({ year: 2026, month: 1, day: 1 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const from = formatIsoDate(fromDayNumber(start + offset));
        const due = calendar.addWorkingDays(from, n);
        return calendar.isWorkingDay(due) && calendar.workingDaysBetween(from, due) === n && due > from;
      }),
    );
  });

  it('refuses an inconsistent calendar', () => {
    expect(calendarError(() => new WorkingCalendar([{ year: 2026, holidays: [], makeupWorkdays: [] }, { year: 2026, holidays: [], makeupWorkdays: [] }])).reason).toBe(
      'invalid_calendar',
    );
    expect(calendarError(() => new WorkingCalendar([{ year: 2026, holidays: ['2027-01-01'], makeupWorkdays: [] }])).reason).toBe('invalid_calendar');
    expect(calendarError(() => new WorkingCalendar([{ year: 2026, holidays: ['2026-10-10'], makeupWorkdays: ['2026-10-10'] }])).reason).toBe('invalid_calendar');
  });

  it('without holidays, is Monday to Friday', () => {
    const plain = new WorkingCalendar([{ year: 2030, holidays: [], makeupWorkdays: [] }]);
    // 2030-01-01 is a Tuesday; 2030 has 261 weekdays, minus Tue 1 Jan itself (not counted).
    expect(plain.workingDaysBetween('2030-01-01', '2030-12-31')).toBe(260);
    expect(plain.addWorkingDays('2030-01-04', 1)).toBe('2030-01-07');
  });
});
