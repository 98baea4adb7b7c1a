import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import zhCN from '../../i18n/locales/zh-CN.json';
import { CASE_OUTCOMES, dateTime, outcomeKey, timeOfDay } from './outcomeLabel.js';

const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('case outcome labels', () => {
  it('name a text in both languages for every outcome, with and without gaps', () => {
    for (const outcome of CASE_OUTCOMES) {
      for (const withGaps of [false, true]) {
        const key = outcomeKey({ outcome, withGaps });
        expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string');
        expect(typeof lookup(en, key), `en ${key}`).toBe('string');
      }
    }
    expect(outcomeKey({ outcome: 'accepted', withGaps: true })).toBe('caseOutcome.accepted_gaps');
  });
});

describe('times on the hall clock', () => {
  it('show UTC+8 across midnight', () => {
    expect(timeOfDay('2026-03-05T16:05:00Z')).toBe('00:05');
    expect(dateTime('2026-03-05T16:05:00Z')).toBe('2026-03-06 00:05');
  });

  it('leave what is not an instant as it is', () => {
    expect(timeOfDay('soon')).toBe('soon');
    expect(dateTime('')).toBe('');
  });
});
