import { useTranslation } from 'react-i18next';
import { useHandler } from '../../transport/useHandler.js';

/**
 * Which counter this is, on the sign-in and lock screens: staff moving between windows see at once
 * where they are signing in (app.info is public, so it shows before anyone signs in).
 */
export function TerminalLine(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { data: info } = useHandler('app.info', {});
  if (!info?.terminalCode) return null;
  const where = info.windowNo ? t('gate.terminalWindow', { terminal: info.terminalCode, window: info.windowNo }) : t('gate.terminal', { terminal: info.terminalCode });
  return (
    <p className="gate-terminal" data-testid="gate-terminal">
      {info.hall ? `${info.hall} · ${where}` : where}
    </p>
  );
}
