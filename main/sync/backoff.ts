/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): the
 * wait before retry n is uniform in [0, min(max, base · 2ⁿ)). Full jitter spreads the retries of a
 * hall's terminals that all lost the centre at the same moment, so they do not return in lockstep.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Uniform in [0, 1); injectable so tests know the waits. */
  random: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 1_000, maxMs: 60_000 } as const;

export class Backoff {
  private failures = 0;

  constructor(private readonly opts: BackoffOptions) {}

  /** Consecutive failures so far. */
  get attempts(): number {
    return this.failures;
  }

  /** Counts one more failure and returns how long to wait before the next try. */
  next(): number {
    // 2^30 is far past any max; capping the exponent keeps the product finite.
    const ceiling = Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.floor(this.opts.random() * ceiling);
  }

  reset(): void {
    this.failures = 0;
  }
}
