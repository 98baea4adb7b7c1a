import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { PANEL_KEYS } from './keys.js';
import { scannerSaid } from './scanError.js';
import type { ScanRunState } from './useScanRun.js';

/**
 * How the scan goes: the page being scanned with its progress and the pages in so far, Cancel (Esc);
 * then how it ended, or why it stopped in the clerk's words with the scanner's own, and that the
 * pages scanned before the failure are kept.
 */
export function ScanStatusView({ status, onCancel }: { status: ScanRunState; onCancel: () => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const errorText = useErrorText();
  switch (status.state) {
    case 'idle':
      return null;
    case 'scanning':
      return (
        <div className="scan-status scanning" role="status" aria-busy="true" data-testid="scan-progress">
          <p>
            <span className="spinner" aria-hidden="true" />{' '}
            <span data-testid="scan-progress-text">{status.cancelling ? t('scan.cancelling') : t('scan.scanningPage', { n: status.index + 1, percent: Math.round(status.percent) })}</span>
          </p>
          <progress max={100} value={status.percent} aria-label={t('scan.progressLabel', { n: status.index + 1 })} />
          <p className="field-hint" data-testid="scan-arrived">
            {t('scan.arrived', { n: status.arrived })}
          </p>
          <button type="button" onClick={onCancel} disabled={status.cancelling} data-testid="scan-cancel">
            {t('scan.cancel')} <Kbd>{PANEL_KEYS.cancel}</Kbd>
          </button>
        </div>
      );
    case 'done':
      return (
        <p className={`scan-status ${status.outcome.ended === 'cancelled' ? 'cancelled' : 'done'}`} role="status" data-testid="scan-done">
          {status.outcome.ended === 'cancelled' ? t('scan.endedCancelled', { n: status.outcome.added }) : t('scan.endedComplete', { n: status.outcome.added })}
        </p>
      );
    case 'failed': {
      const said = scannerSaid(status.error);
      return (
        <div className="scan-status failed" role="alert" data-testid="scan-error">
          <p>
            <strong>{t('scan.failed')}</strong> <span data-testid="scan-error-text">{errorText(status.error)}</span>
          </p>
          {said && (
            <p className="scanner-said">
              {t('scan.scannerSaid')} <span className="said" data-testid="scan-error-said">{said}</span>
            </p>
          )}
          <p className="field-hint">{status.arrived > 0 ? t('scan.keptPages', { n: status.arrived }) : t('scan.nothingLost')}</p>
        </div>
      );
    }
  }
}
