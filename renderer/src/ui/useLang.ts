import { useTranslation } from 'react-i18next';
import type { Language } from '../../../core/api/contract.js';

/** The UI language as the catalog's localized names are keyed ('zh-CN' | 'en'). */
export function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
