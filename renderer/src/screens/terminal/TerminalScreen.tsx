import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { Home } from '../Home.js';

/**
 * The terminal page (terminal info, audit check). It needs no sign-in: the handlers behind it are
 * public, and IT must be able to read the terminal code before anyone has an account.
 */
export function TerminalScreen({ onBack, backLabel }: { onBack?: () => void; backLabel?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <Home />
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
