import { describe, expect, it } from 'vitest';
import { moveBy, moveNextTo, range } from './order.js';

describe('page order', () => {
  const ids = [1, 2, 3, 4, 5];

  it('moves one page by a place, clamped at the ends (the same array when nothing moves)', () => {
    expect(moveBy(ids, 1, 2)).toEqual([2, 3, 1, 4, 5]);
    expect(moveBy(ids, 4, -1)).toEqual([1, 2, 4, 3, 5]);
    expect(moveBy(ids, 5, 1)).toBe(ids);
    expect(moveBy(ids, 1, -3)).toBe(ids);
    expect(moveBy(ids, 9, 1)).toBe(ids);
  });

  it('drops pages next to a target, before or after it, keeping their own order', () => {
    expect(moveNextTo(ids, [5], 1, false)).toEqual([5, 1, 2, 3, 4]);
    expect(moveNextTo(ids, [1], 5, true)).toEqual([2, 3, 4, 5, 1]);
    expect(moveNextTo(ids, [4, 2], 5, true)).toEqual([1, 3, 5, 2, 4]);
    expect(moveNextTo(ids, [2, 4], 1, false)).toEqual([2, 4, 1, 3, 5]);
    // Onto one of the moving pages, or where they already are: nothing changes.
    expect(moveNextTo(ids, [2, 3], 3, true)).toBe(ids);
    expect(moveNextTo(ids, [2], 3, false)).toBe(ids);
    expect(moveNextTo(ids, [2], 9, false)).toBe(ids);
  });

  it('a Shift range runs either way', () => {
    expect(range(ids, 2, 4)).toEqual([2, 3, 4]);
    expect(range(ids, 4, 2)).toEqual([2, 3, 4]);
    expect(range(ids, 9, 2)).toEqual([2]);
  });
});
