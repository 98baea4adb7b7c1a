import { useTranslation } from 'react-i18next';
import { Kbd } from '../ui/Kbd.js';
import type { Route } from './useHashRoute.js';

export const ROUTE_KEYS: Readonly<Record<Route, string>> = { intake: '1', cases: '2', terminal: '3' };

/** The top navigation; each page has an Alt+digit shortcut, shown on the tab itself. */
export function NavBar({ route, onGo, onLock, onSignOut }: { route: Route; onGo: (r: Route) => void; onLock: () => void; onSignOut: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {(Object.keys(ROUTE_KEYS) as Route[]).map((r) => (
          <li key={r}>
            <button type="button" aria-current={route === r ? 'page' : undefined} onClick={() => onGo(r)} data-testid={`nav-${r}`}>
              {t(`nav.${r}`)} <Kbd>{`Alt+${ROUTE_KEYS[r]}`}</Kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-right">
        <button type="button" onClick={onLock} data-testid="nav-lock">
          {t('nav.lock')} <Kbd>Alt+L</Kbd>
        </button>
        <button type="button" onClick={onSignOut} data-testid="nav-signout">
          {t('nav.signOut')}
        </button>
      </div>
    </nav>
  );
}
