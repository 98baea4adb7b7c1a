/**
 * The only clock the sync loop waits on. Injected so tests can drive retries and periodic pulls by
 * hand (no real waiting) and so `stop()` can clear every pending wait it made.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Milliseconds on a monotonic scale (only differences are used), for "next retry at". */
  now(): number;
}

/** Opaque to the caller: whatever the implementation hands back. */
export type TimerHandle = unknown;

/**
 * Node's timers, unref'd: a pending retry or periodic pull must never keep a process alive that is
 * otherwise done (the host's shutdown, a test runner).
 */
export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
  now: () => performance.now(),
};

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; leaves no timer behind. */
export function sleep(timers: Timers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(signal.reason as Error);
    };
    const handle = timers.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
