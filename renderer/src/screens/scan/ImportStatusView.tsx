import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../useErrorText.js';
import type { ImportStatus } from './useImport.js';

/** What became of the last import: on its way, the pages added, and each file refused and why. */
export function ImportStatusView({ status }: { status: ImportStatus }): React.JSX.Element | null {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (status.state === 'idle') return null;
  if (status.state === 'importing') {
    return (
      <p className="scan-status scanning" role="status" aria-busy="true" data-testid="import-progress">
        <span className="spinner" aria-hidden="true" /> {status.source === 'camera' ? t('scan.cameraSaving') : t('scan.importing', { name: status.name })}
      </p>
    );
  }
  return (
    <div className={`scan-status ${status.failures.length > 0 ? 'failed' : 'done'}`} role={status.failures.length > 0 ? 'alert' : 'status'} data-testid="import-result">
      {(status.added > 0 || status.failures.length === 0) && <p data-testid="import-added">{t(status.source === 'camera' ? 'scan.cameraAdded' : 'scan.importAdded', { n: status.added })}</p>}
      {status.failures.map((f, i) => (
        <p key={i} data-testid={`import-error-${i}`}>
          <strong>{t('scan.importRefused', { name: f.name })}</strong> <span data-testid={`import-error-${i}-text`}>{errorText(f.error)}</span>
        </p>
      ))}
      {status.failures.length > 0 && <p className="field-hint">{t('scan.importNothingAdded')}</p>}
    </div>
  );
}
