import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { Kbd } from '../../ui/Kbd.js';
import { Home } from '../Home.js';
import { PrinterSettings } from './PrinterSettings.js';

/**
 * The terminal page (terminal info, audit check, and once someone is signed in, the printers). It
 * needs no sign-in: the handlers behind the first two are public, and IT must be able to read the
 * terminal code before anyone has an account.
 */
export function TerminalScreen({ onBack, backLabel, role }: { onBack?: () => void; backLabel?: string; role?: Role }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <Home />
      {role && <PrinterSettings role={role} />}
      {onBack && (
        <p className="actions">
          <button type="button" onClick={onBack} data-testid="terminal-back">
            {backLabel ?? t('nav.back')} <Kbd>Alt+1</Kbd>
          </button>
        </p>
      )}
    </>
  );
}
