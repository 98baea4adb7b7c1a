import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { Kbd } from '../../ui/Kbd.js';
import { Home } from '../Home.js';
// Through screens/: a bare '../sync/' reads, to the layering lint, as the repo's sync/ folder.
import { EnrollForm } from '../../screens/sync/EnrollForm.js';
import { PrinterSettings } from './PrinterSettings.js';

/**
 * The terminal page (terminal info, audit check, and once someone is signed in, the printers; for an
 * admin, the link with the central service). It needs no sign-in: the handlers behind the first two
 * are public, and IT must be able to read the terminal code before anyone has an account.
 */
export function TerminalScreen({ onBack, backLabel, backShortcut, role }: { onBack?: () => void; backLabel?: string; backShortcut?: string; role?: Role }): React.JSX.Element {
  const { t } = useTranslation();
  // An enrollment sets the terminal code, window and hall: the info above is read again.
  const [enrollments, setEnrollments] = useState(0);
  return (
    <>
      <Home key={enrollments} />
      {role && <PrinterSettings role={role} />}
      {role === 'admin' && <EnrollForm onEnrolled={() => setEnrollments((n) => n + 1)} />}
      {onBack && (
        <p className="actions">
          <button type="button" onClick={onBack} data-testid="terminal-back">
            {backLabel ?? t('nav.back')} {backShortcut && <Kbd>{backShortcut}</Kbd>}
          </button>
        </p>
      )}
    </>
  );
}
