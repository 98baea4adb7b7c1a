import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import type { ScanPage } from './types.js';

/**
 * One page large (the stored JPEG, `scans.image` size full), over the page: to read small print or
 * check a scan before it goes. ←/→ go through the pages, R turns this one, Z shows it at its own
 * size (or fitted again), Esc closes. Not a modal
 * <dialog> for the reason VoidDialog gives (the lock screen must stay usable).
 */
export function PagePreview({ page, index, total, onMove, onRotate, onClose }: { page: ScanPage; index: number; total: number; onMove: (delta: number) => void; onRotate: () => void; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  // Fitted into the window, or at its own size to read small print (Z, or a click on the page).
  const [actual, setActual] = useState(false);
  // Known by its hash too: a rotation is a new image, and the old one is not shown meanwhile.
  const image = useHandler('scans.image', { pageId: page.id, size: 'full' }, { key: page.sha256 });
  const url = useMemo(() => (image.data ? `data:${image.data.mime};base64,${image.data.dataBase64}` : null), [image.data]);

  useEffect(() => {
    box.current?.focus();
  }, []);

  function onKeyDown(e: React.KeyboardEvent): void {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    // Handled here, so marked: the intake under it leaves a handled Esc alone (and the panel ignores keys from a dialog).
    if (e.key === 'Escape' || e.key === 'Enter') onClose();
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') onMove(-1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') onMove(1);
    else if (e.code === 'KeyR') onRotate();
    else if (e.code === 'KeyZ') setActual((a) => !a);
    else return;
    e.preventDefault();
  }

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="dialog page-preview"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        ref={box}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        data-testid="scan-preview"
        data-page-id={page.id}
      >
        <div className="page-preview-head">
          <h3 id={`${id}-title`}>{t('scan.previewTitle', { n: index + 1, total })}</h3>
          <span className="field-hint" data-testid="scan-preview-size">
            {page.dpi > 0 ? t('scan.pageSize', { width: page.width, height: page.height, dpi: page.dpi }) : t('scan.pageSizeNoDpi', { width: page.width, height: page.height })}
          </span>
          <button type="button" className="small" onClick={onClose} data-testid="scan-preview-close">
            {t('scan.close')} <Kbd>Esc</Kbd>
          </button>
        </div>
        <div className={`page-preview-body${actual ? ' actual' : ''}`} aria-busy={image.loading}>
          {url ? (
            <img src={url} alt={t('scan.pageNo', { n: index + 1 })} onClick={() => setActual((a) => !a)} data-testid="scan-preview-image" />
          ) : image.error ? (
            <p className="form-error" role="alert">
              {errorText(image.error)}
            </p>
          ) : (
            <p className="empty">
              <span className="spinner" aria-hidden="true" /> {t('scan.previewLoading')}
            </p>
          )}
        </div>
        <p className="field-hint">
          <Kbd>←</Kbd>
          <Kbd>→</Kbd> {t('scan.keysPages')} · <Kbd>R</Kbd> {t('scan.rotate')} · <Kbd>Z</Kbd> {actual ? t('scan.zoomFit') : t('scan.zoomActual')} · <Kbd>Esc</Kbd> {t('scan.close')}
        </p>
      </div>
    </div>
  );
}
