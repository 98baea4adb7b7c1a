import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard or mouse activity, so an unattended counter
 * does not leave a signed-in session open to the next person in the queue.
 */
export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return;
    let last = Date.now();
    let fired = false;
    const touch = (): void => {
      last = Date.now();
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
  }, [enabled, minutes, onIdle]);
}
