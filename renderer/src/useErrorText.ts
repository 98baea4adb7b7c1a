import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result.js';

/**
 * Turns a handler error into the sentence the clerk reads, in the current language: the precise
 * `reason` when we have a text for it (id_checksum, required_material_missing, …), else the text of
 * the stable `code`. `params` fill in the reason's sentence (a material's name…).
 */
export function useErrorText(): (error: Pick<AppError, 'code' | 'message' | 'reason'>, params?: Record<string, string>) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error, params = {}) => {
      if (error.reason !== undefined && i18n.exists(`reasons.${error.reason}`)) return t(`reasons.${error.reason}`, params);
      return t(`errors.${error.code}`, { message: error.message });
    },
    [t, i18n],
  );
}
