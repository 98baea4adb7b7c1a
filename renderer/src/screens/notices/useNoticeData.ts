import { useEffect, useState } from 'react';
import type { HandlerResult, Language } from '../../../../core/api/contract.js';
import type { NoticeLayout } from '../../../../core/notices/kinds.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';

export type { NoticeLayout };
export type NoticePreview = HandlerResult<'notices.preview'>;
export type NoticePrint = HandlerResult<'notices.list'>[number];

/** A value fetched for a key; `for` tells a stale answer (an older key) from the current one. */
interface Loaded<T> {
  for: string;
  value: T | null;
  error: AppError | null;
}

/**
 * The notice of a case as it would print next (notices.preview), again whenever the layout, the
 * language or `version` (a print, a void, a change elsewhere) changes. `preview` (with the layout
 * it was made for) keeps the last answer while the next one is on its way, so the pages do not
 * blink; `loading` says so.
 */
export function useNoticePreview(caseNo: string, layout: NoticeLayout, language: Language, version: number) {
  const transport = useTransport();
  const key = `${caseNo}|${layout}|${language}|${version}`;
  const [loaded, setLoaded] = useState<Loaded<NoticePreview & { layout: NoticeLayout }> | null>(null);

  useEffect(() => {
    let live = true;
    void transport.invoke('notices.preview', { caseNo, layout, language }).then((r) => {
      if (live) setLoaded((prev) => ({ for: key, value: r.ok ? { ...r.value, layout } : (prev?.value ?? null), error: r.ok ? null : r.error }));
    });
    return () => {
      live = false;
    };
  }, [transport, caseNo, layout, language, key]);

  return { preview: loaded?.value ?? null, error: loaded?.for === key ? loaded.error : null, loading: loaded?.for !== key };
}

/** Every print, reprint and void of the case's notices (notices.list), again when `version` changes. */
export function useNoticePrints(caseNo: string, version: number) {
  const transport = useTransport();
  const [loaded, setLoaded] = useState<Loaded<NoticePrint[]> | null>(null);

  useEffect(() => {
    let live = true;
    void transport.invoke('notices.list', { caseNo }).then((r) => {
      if (live) setLoaded((prev) => ({ for: caseNo, value: r.ok ? r.value : (prev?.value ?? null), error: r.ok ? null : r.error }));
    });
    return () => {
      live = false;
    };
  }, [transport, caseNo, version]);

  return { prints: loaded?.for === caseNo ? loaded.value : null, error: loaded?.error ?? null };
}
