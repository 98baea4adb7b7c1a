import type { Clock } from '../../core/ports.js';

/** A clock tests can read and move: every call returns the current instant, then advances it by stepMs. */
export function steppingClock(startIso = '2026-11-26T01:00:00.000Z', stepMs = 1000): Clock & { set(iso: string): void } {
  let t = Date.parse(startIso);
  return {
    nowIso: () => {
      const iso = new Date(t).toISOString();
      t += stepMs;
      return iso;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}
