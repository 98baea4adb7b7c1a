import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.js';

describe('bench statistics', () => {
  it('uses nearest-rank percentiles', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(s, 50)).toBe(50);
    expect(percentile(s, 99)).toBe(99);
    expect(percentile(s, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('sorts before summarising', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ median: 3, p99: 5, n: 5 });
  });

  it('refuses an empty sample', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
  });
});
