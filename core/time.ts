/**
 * The business day of an instant. Service halls work on China Standard Time, which has had no daylight
 * saving since 1991, so a fixed +08:00 offset is exact and needs no time-zone database.
 */
export const BUSINESS_UTC_OFFSET_MINUTES = 8 * 60;

/** 'YYYY-MM-DD' of the instant in the halls' time zone. */
export function businessDay(iso: string, offsetMinutes = BUSINESS_UTC_OFFSET_MINUTES): string {
  return businessDateTime(iso, offsetMinutes).slice(0, 10);
}

/** 'YYYY-MM-DDTHH:MM:SS' of the instant on the halls' clock (wall time, no zone suffix): for showing times. */
export function businessDateTime(iso: string, offsetMinutes = BUSINESS_UTC_OFFSET_MINUTES): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${iso}`);
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** Natural days from one business day to another ('YYYY-MM-DD' each): 0 the same day, negative before. */
export function daysBetween(fromDay: string, toDay: string): number {
  const a = Date.parse(`${fromDay}T00:00:00Z`);
  const b = Date.parse(`${toDay}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`not days: ${fromDay}, ${toDay}`);
  return Math.round((b - a) / 86_400_000);
}

/** The business day `n` natural days after `day` (before, for a negative n). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a day: ${day}`);
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

/** The first instant of a business day, as an ISO string in UTC (what the centre's times look like). */
export function startOfBusinessDay(day: string, offsetMinutes = BUSINESS_UTC_OFFSET_MINUTES): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a day: ${day}`);
  return new Date(t - offsetMinutes * 60_000).toISOString();
}
