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
