import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../core/api/contract.js';
import deliveryEn from './locales/delivery.en.json';
import deliveryZhCN from './locales/delivery.zh-CN.json';
import en from './locales/en.json';
import syncEn from './locales/sync.en.json';
import syncZhCN from './locales/sync.zh-CN.json';
import zhCN from './locales/zh-CN.json';

type Tree = { readonly [key: string]: string | Tree };

/**
 * Adds a feature's own locale file (sync.*.json: the sync screens, and their `reasons.*` for
 * useErrorText) to the main one, so `t('sync.title')` and `t('reasons.enrollment_invalid')` stay plain
 * keys. Where both name the same text the main file wins; the sync locale test keeps them apart.
 */
export function mergeLocale<A extends Tree, B extends Tree>(main: A, extra: B): A & B {
  const out: Record<string, string | Tree> = { ...extra };
  for (const [key, value] of Object.entries(main)) {
    const other = out[key];
    out[key] = typeof value !== 'string' && other !== undefined && typeof other !== 'string' ? mergeLocale(value, other) : value;
  }
  return out as A & B;
}

export const resources = {
  // delivery.*.json: what comes after intake (出件, fees, 补正 and 容缺), its reasons and the centre's codes for its commands.
  'zh-CN': { translation: mergeLocale(mergeLocale(zhCN, syncZhCN), deliveryZhCN) },
  en: { translation: mergeLocale(mergeLocale(en, syncEn), deliveryEn) },
} as const;

/** zh-CN is the official language of the counter; English serves foreign applicants and IT. */
export async function initI18n(language: Language = 'zh-CN'): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
