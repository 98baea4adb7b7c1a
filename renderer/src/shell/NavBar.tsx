import { useTranslation } from 'react-i18next';
import { SyncIndicator } from '../screens/sync/SyncIndicator.js';
import { Kbd } from '../ui/Kbd.js';
import type { Route } from './useHashRoute.js';

/** The pages with a tab; the sync page opens from the sync indicator, which is its tab. */
type TabRoute = Exclude<Route, 'sync'>;
export const ROUTE_KEYS: Readonly<Record<Route, string>> = { intake: '1', cases: '2', terminal: '3', sync: '4' };
const TABS: readonly TabRoute[] = ['intake', 'cases', 'terminal'];

/** The top navigation; each page has an Alt+digit shortcut, shown on the tab itself. */
export function NavBar({ route, onGo, onLock, onSignOut }: { route: Route; onGo: (r: Route) => void; onLock: () => void; onSignOut: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {TABS.map((r) => (
          <li key={r}>
            <button type="button" aria-current={route === r ? 'page' : undefined} onClick={() => onGo(r)} data-testid={`nav-${r}`}>
              {t(`nav.${r}`)} <Kbd>{`Alt+${ROUTE_KEYS[r]}`}</Kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-right">
        <SyncIndicator active={route === 'sync'} onOpen={() => onGo('sync')} />
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
