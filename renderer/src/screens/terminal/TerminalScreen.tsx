import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { Kbd } from '../../ui/Kbd.js';
import { Home } from '../Home.js';
// Through screens/: a bare '../sync/' reads, to the layering lint, as the repo's sync/ folder.
import { EnrollForm } from '../../screens/sync/EnrollForm.js';
import { ChangePasswordForm } from '../staff/ChangePasswordForm.js';
import { StaffAdmin } from '../staff/StaffAdmin.js';
import { CatalogImport } from './CatalogImport.js';
import { IdleLockSetting } from './IdleLockSetting.js';
import { PrinterSettings } from './PrinterSettings.js';
import { ScanSourcesSetting } from './ScanSourcesSetting.js';

/**
 * The terminal page (terminal info, audit check, and once someone is signed in, the printers; for an
 * admin, the link with the central service, staff accounts and the terminal's settings; for everyone
 * signed in, their own password). It needs no sign-in: the handlers behind the first two
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
      {role === 'admin' && <StaffAdmin />}
      {role === 'admin' && (
        <section className="terminal-settings" aria-labelledby="terminal-settings-title" data-testid="terminal-settings">
          <h2 id="terminal-settings-title">{t('terminalSettings.title')}</h2>
          <IdleLockSetting />
          <ScanSourcesSetting />
          <CatalogImport />
        </section>
      )}
      {role && <ChangePasswordForm />}
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
