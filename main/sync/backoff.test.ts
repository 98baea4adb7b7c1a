import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff (exponential, full jitter)', () => {
  it('waits uniformly below min(max, base·2ⁿ), and starts over after reset', () => {
    const top = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0.999999 });
    expect(Array.from({ length: 6 }, () => top.next())).toEqual([99, 199, 399, 799, 999, 999]);
    top.reset();
    expect(top.next()).toBe(99);
    const half = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0.5 });
    expect(Array.from({ length: 4 }, () => half.next())).toEqual([50, 100, 200, 400]);
    const zero = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0 });
    expect(zero.next()).toBe(0);
  });

  it('stays finite after very many failures', () => {
    const b = new Backoff({ baseMs: 1_000, maxMs: 60_000, random: () => 0.5 });
    for (let i = 0; i < 2_000; i += 1) b.next();
    expect(b.next()).toBe(30_000);
  });
});
