import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/result.js';
import { useErrorText } from '../../useErrorText.js';
import type { Checklist, Issue } from './types.js';

/**
 * The sentence for a field's problem, whether the core validators found it as the clerk typed
 * (an Issue) or the server refused it (an AppError); both carry the same reason codes. Problems
 * about one material name it.
 */
export function useIssueText(checklist: Checklist | null): (problem: Issue | AppError | null, field?: string) => string | null {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useCallback(
    (problem, field = '') => {
      if (!problem) return null;
      const index = /^materials\.(\d+)/.exec(field)?.[1];
      const entry = index === undefined ? undefined : checklist?.entries[Number(index)];
      const params: Record<string, string> = { name: entry ? entry.name[lang] : '' };
      if ('code' in problem) return errorText(problem, params);
      const text = i18n.exists(`reasons.${problem.reason}`) ? t(`reasons.${problem.reason}`, params) : t('reasons.unknown', { reason: problem.reason });
      return problem.position === undefined ? text : `${text}${t('reasons.atPosition', { position: problem.position })}`;
    },
    [checklist, lang, t, i18n, errorText],
  );
}
