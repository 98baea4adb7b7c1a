import { businessDateTime, businessDay } from '../time.js';
import { en } from './texts.en.js';
import { zhCN, type NoticeTextKey } from './texts.zh-CN.js';
import type { NoticeLanguage } from './types.js';

export type { NoticeTextKey };

export const noticeTexts: Record<NoticeLanguage, Record<NoticeTextKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: NoticeTextKey, params?: Record<string, string | number>) => string;

/** A translator for one language; `{{name}}` is replaced, an unknown placeholder is an error. */
export function translator(language: NoticeLanguage): Translate {
  const map = noticeTexts[language];
  return (key, params = {}) =>
    map[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`notice text ${key} needs {{${name}}}`);
      return String(v);
    });
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM-DD' → 2026年3月5日 / 5 March 2026. */
export function formatDate(date: string, language: NoticeLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return language === 'zh-CN' ? `${y}年${mo}月${d}日` : `${d} ${EN_MONTHS[mo - 1] ?? '?'} ${y}`;
}

/** An ISO instant as the halls' local date and time (UTC+8): 2026年3月5日 14:05 / 5 March 2026, 14:05. */
export function formatDateTime(iso: string, language: NoticeLanguage): string {
  const local = businessDateTime(iso);
  const day = local.slice(0, 10);
  const hm = local.slice(11, 16);
  return language === 'zh-CN' ? `${formatDate(day, language)} ${hm}` : `${formatDate(day, language)}, ${hm}`;
}

/** The local business day of an instant, formatted. */
export function formatDay(iso: string, language: NoticeLanguage): string {
  return formatDate(businessDay(iso), language);
}

export function formatFee(fen: number, t: Translate): string {
  if (fen === 0) return t('fee.none');
  return t('fee.amount', { amount: (fen / 100).toFixed(2) });
}

export function formatDays(n: number, t: Translate): string {
  return n === 0 ? t('days.none') : t('days', { n });
}

/** The label of an ID document type; an unknown type prints as it is rather than not at all. */
export function idTypeLabel(idType: string, t: Translate): string {
  const key = `idType.${idType}`;
  return key in zhCN ? t(key as NoticeTextKey) : idType;
}
