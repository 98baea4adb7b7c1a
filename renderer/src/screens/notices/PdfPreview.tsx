import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RenderCancelled, renderPdfInto } from './pdfjs.js';

/** CSS width of a page: an A4 sheet readable at the counter, the 80 mm roll at about its real width. */
const WIDTH = { a4: 460, receipt: 300 } as const;

/**
 * The PDF exactly as it will print, one <canvas> per page (pdf.js). The canvases are made outside
 * React and swapped in when all pages are drawn; React owns only the frame around them.
 */
export function PdfPreview({ pdfBase64, layout }: { pdfBase64: string; layout: keyof typeof WIDTH }): React.JSX.Element {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ for: string; rendered: number } | { for: string; error: string } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const job = renderPdfInto(el, pdfBase64, WIDTH[layout], (n) => t('notice.pageLabel', { n }));
    job.done.then(
      (rendered) => setState({ for: pdfBase64, rendered }),
      (err: unknown) => {
        if (!(err instanceof RenderCancelled)) setState({ for: pdfBase64, error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => job.cancel();
    // The labels follow the language at the next render; re-drawing the pages for it is not worth it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pdfBase64, layout]);

  const current = state?.for === pdfBase64 ? state : null;
  return (
    <div className={`pdf-preview layout-${layout}`} data-testid="notice-preview" data-rendered={current && 'rendered' in current ? current.rendered : 0} aria-busy={current === null}>
      {current && 'error' in current && (
        <p className="form-error" role="alert" data-testid="notice-preview-error">
          {t('notice.previewFailed', { message: current.error })}
        </p>
      )}
      <div className="pdf-pages" ref={host} />
    </div>
  );
}
