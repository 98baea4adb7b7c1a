import { useTranslation } from 'react-i18next';
import { SyncIndicator } from '../screens/sync/SyncIndicator.js';
import { Kbd } from '../ui/Kbd.js';
import { ROUTES, shortcutOf, TABS, type Route } from './routes.js';

/** The top navigation; each page has an Alt+digit shortcut, shown on its tab (the sync page's tab is the sync indicator). */
export function NavBar({ route, onGo, onLock, onSignOut }: { route: Route; onGo: (r: Route) => void; onLock: () => void; onSignOut: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {TABS.map((r) => (
          <li key={r}>
            <button type="button" aria-current={route === r ? 'page' : undefined} onClick={() => onGo(r)} data-testid={`nav-${r}`}>
              {t(ROUTES[r].title)} <Kbd>{shortcutOf(r)}</Kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-right">
        <SyncIndicator active={route === 'sync'} onOpen={() => onGo('sync')} shortcut={shortcutOf('sync')} />
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
