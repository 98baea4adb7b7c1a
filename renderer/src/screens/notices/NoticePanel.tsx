import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { NOTICE_KIND_LABEL } from './labels.js';
import { NoticeOptions } from './NoticeOptions.js';
import { NoticePrints } from './NoticePrints.js';
import { PdfPreview } from './PdfPreview.js';
import { PrintStatusView } from './PrintStatusView.js';
import type { NoticePrint } from './useNoticeData.js';
import type { NoticePanelModel } from './useNoticePanel.js';
import { VoidDialog } from './VoidDialog.js';

/**
 * 通知书: the case's notice as it will print next (pages drawn by pdf.js), its options, the print
 * button (P) with how the print went, and every print of it, each of which a supervisor may void.
 * The view holding the panel passes `panel.onKeyDown` to its own root, so P prints from anywhere
 * in it (after an intake, the focus stays on "next intake").
 */
export function NoticePanel({ panel }: { panel: NoticePanelModel }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const [voiding, setVoiding] = useState<NoticePrint | null>(null);
  const p = panel.preview;
  const printing = panel.status.state === 'printing';
  const nextNo = p?.printNo ?? 0;

  return (
    <section className="notice-panel" ref={section} aria-labelledby={`${id}-title`} data-testid="notice-panel">
      <div className="notice-side">
        <h3 id={`${id}-title`}>
          {p ? t(NOTICE_KIND_LABEL[p.kind]) : t('notice.title')}{' '}
          {p && (
            <span className="code" data-testid="notice-documentNo">
              {p.documentNo}
            </span>
          )}
        </h3>
        <NoticeOptions panel={panel} />
        {p && (
          <p className="notice-next" data-testid="notice-next" aria-live="polite">
            <span data-testid="notice-next-which">{nextNo > 0 ? t('notice.nextReprint', { n: nextNo }) : t('notice.nextFirst')}</span> ·{' '}
            <span data-testid="notice-pages">{t('notice.pages', { n: p.pages })}</span>
          </p>
        )}
        {p && p.missingGlyphs.length > 0 && (
          <p className="warning" role="alert" data-testid="notice-missing-glyphs">
            {t('notice.missingGlyphs', { chars: glyphList(p.missingGlyphs, t('notice.listSeparator')) })}
          </p>
        )}
        {panel.previewError && (
          <p className="form-error" role="alert" data-testid="notice-preview-refused">
            {errorText(panel.previewError)}
          </p>
        )}
        <div className="actions">
          <button type="button" ref={printButton} className="primary big" onClick={() => void panel.print()} disabled={printing} data-testid="notice-print">
            {printing ? t('notice.printingShort') : nextNo > 0 ? t('notice.reprint', { n: nextNo }) : t('notice.print')} <Kbd>P</Kbd>
          </button>
        </div>
        <PrintStatusView status={panel.status} onRetry={() => void panel.print()} />
        <p className="field-hint notice-keys">
          <span className="hint-pair">
            <Kbd>P</Kbd> {t('notice.keysPrint')}
          </span>
          <span className="hint-pair">
            <Kbd>←</Kbd>
            <Kbd>→</Kbd> {t('notice.keysChoose')}
          </span>
          <span className="hint-pair">
            <Kbd>Tab</Kbd> {t('notice.keysNext')}
          </span>
          <span className="hint-pair">
            <Kbd>Enter</Kbd> {t('notice.keysPress')}
          </span>
        </p>
      </div>
      <div className="notice-view">
        {p ? (
          <PdfPreview pdfBase64={p.pdfBase64} layout={p.layout} />
        ) : (
          !panel.previewError && (
            <p aria-busy="true" className="empty">
              {t('notice.previewLoading')}
            </p>
          )
        )}
      </div>
      <div className="notice-prints-block">
        <h4>{t('notice.prints')}</h4>
        {panel.printsError ? (
          <p className="form-error" role="alert">
            {errorText(panel.printsError)}
          </p>
        ) : (
          <NoticePrints prints={panel.prints} onVoid={setVoiding} />
        )}
      </div>
      {voiding && (
        <VoidDialog
          caseNo={panel.caseNo}
          print={voiding}
          onClose={(voided) => {
            setVoiding(null);
            if (voided) panel.refresh();
            // Back where the clerk was: the row's void button, or (it is gone once void) the print button.
            const from = voided ? null : section.current?.querySelector<HTMLElement>(`[data-testid="notice-void-${voiding.printNo}"]`);
            (from ?? printButton.current)?.focus();
          }}
        />
      )}
    </section>
  );
}

/** "𱍊 (U+3134A)、…": the characters, and their code points for IT (the character itself may not show on screen either). */
function glyphList(chars: readonly string[], separator: string): string {
  return chars
    .filter((c) => c !== '')
    .map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
    .join(separator);
}
