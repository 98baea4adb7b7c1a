import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result.js';

/** Turns a handler error into the sentence the clerk reads, in the current language. */
export function useErrorText(): (error: AppError) => string {
  const { t } = useTranslation();
  return (error) => t(`errors.${error.code}`, { message: error.message });
}
