import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { printerSaid } from './printError.js';
import type { PrintStatus } from './useNoticePanel.js';

/**
 * How the last print went: in progress; printed (document number, 第 n 次补打, printer and job);
 * or refused, in the clerk's words with the printing system's own message, and "print again".
 */
export function PrintStatusView({ status, onRetry }: { status: PrintStatus; onRetry: () => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const errorText = useErrorText();
  switch (status.state) {
    case 'idle':
      return null;
    case 'printing':
      return (
        <p className="print-status printing" role="status" aria-busy="true" data-testid="notice-printing">
          <span className="spinner" aria-hidden="true" /> {status.printer ? t('notice.printing', { printer: status.printer }) : t('notice.printingDefault')}
        </p>
      );
    case 'done': {
      const r = status.result;
      return (
        <div className="print-status printed" role="status" data-testid="notice-printed">
          <p>
            <strong data-testid="notice-printed-documentNo">{t('notice.printed', { documentNo: r.documentNo })}</strong>
            {r.printNo > 0 && (
              <span className="badge badge-reprint" data-testid="notice-printed-reprint">
                {t('notice.reprintNo', { n: r.printNo })}
              </span>
            )}
          </p>
          <p className="print-detail">
            {t('notice.printedDetail', { printer: r.printer, pages: r.pages })} <span className="code" data-testid="notice-printed-job">{r.jobId}</span>
          </p>
        </div>
      );
    }
    case 'failed': {
      const said = printerSaid(status.error);
      return (
        <div className="print-status failed" role="alert" data-testid="notice-print-error">
          <p>
            <strong>{t('notice.printFailed')}</strong> <span data-testid="notice-print-error-text">{errorText(status.error)}</span>
          </p>
          {said && (
            <p className="printer-said">
              {t('notice.printerSaidLabel')} <span className="said" data-testid="notice-printer-said">{said}</span>
            </p>
          )}
          <p className="field-hint">{t('notice.caseSafe')}</p>
          <button type="button" onClick={onRetry} data-testid="notice-print-again">
            {t('notice.printAgain')} <Kbd>P</Kbd>
          </button>
        </div>
      );
    }
  }
}
