import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/result.js';
import { businessDateTime, businessDay } from '../../../../core/time.js';

/** 'HH:MM:SS' for today (hall time), else 'YYYY-MM-DD HH:MM': sync times are mostly recent. */
export function hallTime(iso: string, nowMs: number = Date.now()): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const local = businessDateTime(iso);
  const today = businessDay(new Date(nowMs).toISOString());
  return local.slice(0, 10) === today ? local.slice(11, 19) : `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** 'HH:MM' for today, else 'MM-DD HH:MM': the nav bar's room is short. */
export function shortHallTime(iso: string, nowMs: number = Date.now()): string {
  const full = hallTime(iso, nowMs);
  return full.length === 8 ? full.slice(0, 5) : full.slice(5);
}

export interface SyncText {
  /** A sync problem's code (the protocol's or the client's own), as a sentence. */
  problem: (code: string) => string;
  /** The centre's reason code for a refused command: ours for sync, then core's reasons, then the bare code. */
  rejection: (code: string) => string;
  /** acceptCase → 受理 …; an unknown command keeps its name. */
  command: (name: string) => string;
  /** An enrollment refusal: its reason (enrollment_invalid, server_unreachable, a protocol code …), else the field's rule, else the code's text. */
  enrollError: (error: AppError) => string;
}

/**
 * Texts for codes that come from the centre or the sync client. They are open sets (a newer centre may
 * send a code this build does not know), so every lookup falls back to a sentence that names the code.
 */
export function useSyncText(): SyncText {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const has = (key: string): boolean => i18n.exists(key);
    const problem = (code: string): string => {
      if (has(`sync.error.${code}`)) return t(`sync.error.${code}`);
      const http = /^http_(\d{3})$/.exec(code);
      if (http) return t('sync.error.http', { status: http[1] });
      return t('sync.error.other', { code });
    };
    return {
      problem,
      rejection: (code) => {
        if (has(`sync.rejection.${code}`)) return t(`sync.rejection.${code}`);
        if (has(`reasons.${code}`)) return t(`reasons.${code}`);
        return t('sync.rejection.other', { code });
      },
      command: (name) => (has(`sync.command.${name}`) ? t(`sync.command.${name}`) : name),
      enrollError: (error) => {
        if (error.reason && has(`reasons.${error.reason}`)) return t(`reasons.${error.reason}`);
        if (error.reason && error.code !== 'invalid_input') return problem(error.reason);
        if (error.code === 'invalid_input' && error.field === 'serverUrl') return t('sync.enroll.serverUrlInvalid');
        if (error.code === 'invalid_input' && error.field === 'code') return t('sync.enroll.codeInvalid');
        return t(`errors.${error.code}`, { message: error.message });
      },
    };
  }, [t, i18n]);
}
