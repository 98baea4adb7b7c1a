import { businessDay } from '../../../core/time.js';

/**
 * The terminal's business day (China Standard Time), as core's validators and the server use it.
 * Read at call time, never during render of a pure component, so it changes at midnight.
 */
export function today(): string {
  return businessDay(new Date().toISOString());
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
