import type { HandlerResult, Language } from '../../../../core/api/contract.js';
import type { NoticeLayout } from '../../../../core/notices/kinds.js';
import { useHandler, type RefreshOn } from '../../transport/useHandler.js';

export type { NoticeLayout };
export type NoticePreview = HandlerResult<'notices.preview'>;
export type NoticePrint = HandlerResult<'notices.list'>[number];

/** A print, a void or a change at the other door (`cases.changed` for this case) changes both. */
const thisCase = (caseNo: string): RefreshOn[] => [{ event: 'cases.changed', when: (p) => p.caseNo.toUpperCase() === caseNo.toUpperCase() }];

/**
 * The notice of a case as it would print next (notices.preview), again whenever the layout, the
 * language or the case changes (`reload`: a print made here). `preview` (with the layout it was
 * made for) keeps the last answer while the next one is on its way, so the pages do not blink;
 * `loading` says so.
 */
export function useNoticePreview(caseNo: string, layout: NoticeLayout, language: Language) {
  const next = useHandler('notices.preview', { caseNo, layout, language }, { keep: true, refreshOn: thisCase(caseNo) });
  const preview = next.data && next.answered ? { ...next.data, layout: next.answered.layout ?? 'a4' } : null;
  return { preview, error: next.error, loading: next.loading, reload: next.reload };
}

/** Every print, reprint and void of the case's notices (notices.list), again when the case changes. */
export function useNoticePrints(caseNo: string) {
  const list = useHandler('notices.list', { caseNo }, { refreshOn: thisCase(caseNo) });
  return { prints: list.data, error: list.error, reload: list.reload };
}
