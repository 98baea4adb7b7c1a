import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLimit, noticeTexts, translator } from './i18n.js';
import { en } from './texts.en.js';
import { zhCN } from './texts.zh-CN.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('notice texts', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every text is non-empty and both languages use the same placeholders', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('the reprint marker says 副本 / 第n次补打 and COPY – reprint n', () => {
    expect(translator('zh-CN')('reprint.marker', { n: 2 })).toBe('副本 / 第2次补打');
    expect(translator('en')('reprint.marker', { n: 2 })).toBe('COPY – reprint 2');
  });

  it('the rejection states the rights of redress with their time limits', () => {
    const zh = translator('zh-CN')('body.redressReview', { you: '你', reviewBody: '徐汇区人民政府', court: '徐汇区人民法院' });
    expect(zh).toContain('六十日内');
    expect(zh).toContain('行政复议');
    expect(zh).toContain('六个月内');
    expect(zh).toContain('行政诉讼');
    expect(noticeTexts['zh-CN']['body.redressState']).toContain('陈述、申辩');
    const e = translator('en')('body.redressReview', { you: 'you', reviewBody: 'X', court: 'Y' });
    expect(e).toContain('60 days');
    expect(e).toContain('6 months');
  });

  it('a missing placeholder value is an error, not a blank on a legal document', () => {
    expect(() => translator('zh-CN')('reprint.marker')).toThrow(/n/);
  });

  it('formats dates in the halls’ time zone (UTC+8)', () => {
    expect(formatDate('2026-03-05', 'zh-CN')).toBe('2026年3月5日');
    expect(formatDate('2026-03-05', 'en')).toBe('5 March 2026');
    // 17:30 UTC is 01:30 the next day in Shanghai.
    expect(formatDateTime('2026-03-05T17:30:00Z', 'zh-CN')).toBe('2026年3月6日01时30分');
    expect(formatDateTime('2026-03-05T17:30:00Z', 'en')).toBe('6 March 2026, 01:30');
  });

  it('prints a limit in its unit, and capitalises an English sentence a placeholder opens', () => {
    const zh = translator('zh-CN');
    expect(formatLimit({ days: 10, unit: 'working_days' }, zh)).toBe('10个工作日');
    expect(formatLimit({ days: 60, unit: 'natural_days' }, zh)).toBe('60日');
    expect(formatLimit({ days: 0, unit: 'natural_days' }, zh)).toBe('当场办结');
    expect(formatLimit({ days: 60, unit: 'natural_days' }, translator('en'))).toBe('60 days');
    expect(translator('en')('body.redressState', { you: 'your organisation' })).toMatch(/^Your organisation may/);
  });
});
