import { useCallback, useRef, useState } from 'react';
import type { HandlerResult, Language } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useNoticePreview, useNoticePrints, type NoticeLayout } from './useNoticeData.js';
import { defaultPrinter, usePrinters } from './usePrinters.js';

export type PrintResult = HandlerResult<'notices.print'>;
export type PrintStatus =
  | { state: 'idle' }
  | { state: 'printing'; printer: string }
  | { state: 'done'; result: PrintResult }
  | { state: 'failed'; error: AppError; printer: string };

/**
 * Everything the notice panel of one case shows and does: the options (layout, language, printer),
 * the preview of the next print, printing (and printing again), and the list of prints. Prints,
 * voids and changes made elsewhere (`cases.changed`) refresh the preview and the list, so the
 * preview always shows the print number the next print will get.
 */
export function useNoticePanel(caseNo: string) {
  const transport = useTransport();
  const [layout, setLayout] = useState<NoticeLayout>('a4');
  const [language, setLanguage] = useState<Language>('zh-CN');
  const printers = usePrinters();
  const [picked, setPicked] = useState<string | null>(null);
  const next = useNoticePreview(caseNo, layout, language);
  const prints = useNoticePrints(caseNo);
  const [status, setStatus] = useState<PrintStatus>({ state: 'idle' });
  const busy = useRef(false);
  const { reload: reloadPreview } = next;
  const { reload: reloadPrints } = prints;
  const refresh = useCallback(() => {
    reloadPreview();
    reloadPrints();
  }, [reloadPreview, reloadPrints]);

  const printer = picked ?? defaultPrinter(printers.list, next.preview?.kind);
  const reloadPrinters = printers.reload;

  const print = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setStatus({ state: 'printing', printer });
    const r = await transport.invoke('notices.print', { caseNo, layout, language, ...(printer ? { printer } : {}) });
    busy.current = false;
    if (r.ok) {
      setStatus({ state: 'done', result: r.value });
      refresh();
    } else {
      setStatus({ state: 'failed', error: r.error, printer });
      reloadPrinters(); // a stopped printer shows as stopped in the picker
    }
  }, [transport, caseNo, layout, language, printer, refresh, reloadPrinters]);

  /** P prints, from anywhere in the view that holds the panel, except while typing or in a dialog. */
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      if (e.defaultPrevented || e.code !== 'KeyP' || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
      const el = e.target as HTMLElement;
      if (isTyping(el) || el.closest('dialog')) return;
      e.preventDefault();
      void print();
    },
    [print],
  );

  return {
    caseNo,
    layout,
    setLayout,
    language,
    setLanguage,
    printers,
    printer,
    setPrinter: setPicked,
    preview: next.preview,
    previewError: next.error,
    previewLoading: next.loading,
    prints: prints.prints,
    printsError: prints.error,
    status,
    print,
    refresh,
    onKeyDown,
  };
}

export type NoticePanelModel = ReturnType<typeof useNoticePanel>;

function isTyping(el: HTMLElement): boolean {
  if (el.isContentEditable || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(el.type);
}
