import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;
/** At most this often, activity is reported to the back end, whose own idle lock counts handler calls. */
const HEARTBEAT_EVERY_MS = 60_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard or mouse activity, so an unattended counter
 * does not leave a signed-in session open to the next person in the queue. While the clerk is active it
 * calls `onActive` about once a minute, so typing a long form without lookups does not count as idle.
 */
export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void, onActive?: () => void): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return;
    let last = Date.now();
    let reported = last;
    let fired = false;
    const touch = (): void => {
      last = Date.now();
      if (onActive && !fired && last - reported >= HEARTBEAT_EVERY_MS) {
        reported = last;
        onActive();
      }
    };
    for (const name of ACTIVITY) window.addEventListener(name, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (!fired && Date.now() - last >= minutes * 60_000) {
        fired = true;
        onIdle();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touch, { capture: true });
    };
  }, [enabled, minutes, onIdle, onActive]);
}
