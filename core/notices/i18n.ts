import { businessDay, BUSINESS_UTC_OFFSET_MINUTES } from '../time.js';
import { en } from './texts.en.js';
import { zhCN, type NoticeTextKey } from './texts.zh-CN.js';
import type { NoticeLanguage, TimeLimit } from './types.js';

export type { NoticeTextKey };

export const noticeTexts: Record<NoticeLanguage, Record<NoticeTextKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: NoticeTextKey, params?: Record<string, string | number>) => string;

/**
 * A translator for one language; `{{name}}` is replaced, an unknown placeholder is an error. An
 * English text that starts with a lower-case letter once filled in ("{{you}} applied", you = "your
 * organisation") is capitalised, so a placeholder can open a sentence in both languages.
 */
export function translator(language: NoticeLanguage): Translate {
  const map = noticeTexts[language];
  return (key, params = {}) => {
    const out = map[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`notice text ${key} needs {{${name}}}`);
      return String(v);
    });
    return language === 'en' && /^[a-z]/.test(out) ? out.charAt(0).toUpperCase() + out.slice(1) : out;
  };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM-DD' → 2026年3月5日 / 5 March 2026. */
export function formatDate(date: string, language: NoticeLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return language === 'zh-CN' ? `${y}年${mo}月${d}日` : `${d} ${EN_MONTHS[mo - 1] ?? '?'} ${y}`;
}

/**
 * An ISO instant as the halls' local date and time (UTC+8): 2026年3月5日14时05分 / 5 March 2026,
 * 14:05 (no space between the Chinese date and the time: GB/T 15834 and the notices' own rule).
 */
export function formatDateTime(iso: string, language: NoticeLanguage): string {
  const day = businessDay(iso);
  const local = new Date(Date.parse(iso) + BUSINESS_UTC_OFFSET_MINUTES * 60_000);
  const [h, m] = [local.getUTCHours(), local.getUTCMinutes()].map((v) => String(v).padStart(2, '0'));
  return language === 'zh-CN' ? `${formatDate(day, language)}${h}时${m}分` : `${formatDate(day, language)}, ${h}:${m}`;
}

/** The local business day of an instant, formatted. */
export function formatDay(iso: string, language: NoticeLanguage): string {
  return formatDate(businessDay(iso), language);
}

export function formatFee(fen: number, t: Translate): string {
  if (fen === 0) return t('fee.none');
  return t('fee.amount', { amount: (fen / 100).toFixed(2) });
}

/** A time limit with its unit: 10个工作日 / 60日 (never a natural-day limit as working days). */
export function formatLimit(limit: TimeLimit, t: Translate): string {
  return limit.days === 0 ? t('days.none') : t(`days.${limit.unit}`, { n: limit.days });
}

/** A list in the language's way: 甲、乙 / A, B. */
export function joinList(items: readonly string[], t: Translate): string {
  return items.join(t('list.separator'));
}

/** The label of an ID document type; an unknown type prints as it is rather than not at all. */
export function idTypeLabel(idType: string, t: Translate): string {
  const key = `idType.${idType}`;
  return key in zhCN ? t(key as NoticeTextKey) : idType;
}
