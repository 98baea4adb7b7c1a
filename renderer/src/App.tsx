import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../core/api/contract.js';
import type { Key } from './i18n/keys.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LockScreen } from './screens/auth/LockScreen.js';
import { SetupScreen } from './screens/auth/SetupScreen.js';
import { SignInScreen } from './screens/auth/SignInScreen.js';
import { SyncProvider, type SyncShared } from './screens/sync/syncContext.js';
import { useSyncNow } from './screens/sync/useSyncNow.js';
import { useSyncStatus } from './screens/sync/useSyncStatus.js';
import { guardedTransport } from './session/guardedTransport.js';
import { useIdleLock } from './session/useIdleLock.js';
import { useSession, type Gate, type Staff } from './session/useSession.js';
import { NavBar } from './shell/NavBar.js';
import { HOME, ROUTE_NAMES, ROUTES, routeKeys, shortcutOf, type Go, type Route } from './shell/routes.js';
import { StoreBanner } from './shell/StoreBanner.js';
import { useGlobalKeys } from './shell/useGlobalKeys.js';
import { useHashRoute } from './shell/useHashRoute.js';
import { TransportProvider, useTransport } from './transport/context.js';
import { useErrorText } from './useErrorText.js';

const ROLE_LABEL: Readonly<Record<Role, Key>> = { clerk: 'roles.clerk', supervisor: 'roles.supervisor', admin: 'roles.admin' };

/**
 * The shell: first-run setup, sign-in and lock gates in front of the pages. The pages stay mounted
 * while the screen is locked (hidden and inert), so work in progress survives a lock. The link to the
 * central service is followed here, once, for the nav bar's indicator and the sync page alike.
 */
export function App(): React.JSX.Element {
  const rawTransport = useTransport();
  const errorText = useErrorText();
  const { gate, refresh, showSignIn } = useSession();
  const [route, go, param] = useHashRoute();

  // Any `locked`/`unauthenticated` answer, from any page, sends the UI to the right gate.
  const transport = useMemo(() => guardedTransport(rawTransport, () => void refresh()), [rawTransport, refresh]);

  return (
    <TransportProvider value={transport}>
      <Shell gate={gate} route={route} go={go} param={param} refresh={refresh} showSignIn={showSignIn} errorText={errorText} />
    </TransportProvider>
  );
}

interface ShellProps {
  gate: Gate;
  route: Route;
  go: Go;
  param: string | null;
  refresh: () => Promise<void>;
  showSignIn: (login?: string) => void;
  errorText: ReturnType<typeof useErrorText>;
}

/** Inside the guarded transport, so the sync status and every page use it. */
function Shell({ gate, route, go, param, refresh, showSignIn, errorText }: ShellProps): React.JSX.Element {
  const { t } = useTranslation();
  const signedIn = gate.state === 'ready' || gate.state === 'locked';
  const transport = useTransport();
  const sync = useSyncStatus(gate.state === 'ready');
  const syncNow = useSyncNow(sync.apply);
  const shared = useMemo<SyncShared>(
    () => ({ status: sync.status, error: sync.error, apply: sync.apply, outcome: syncNow.outcome, run: syncNow.run }),
    [sync.status, sync.error, sync.apply, syncNow.outcome, syncNow.run],
  );

  const lock = useCallback(
    (reason: 'idle' | 'manual') => {
      void transport.invoke('auth.lock', { reason }).then(() => refresh());
    },
    [transport, refresh],
  );
  const lockIdle = useCallback(() => lock('idle'), [lock]);
  const signOut = useCallback(() => {
    void transport.invoke('auth.signOut', {}).then(() => refresh());
  }, [transport, refresh]);

  const reportActivity = useCallback(() => {
    void transport.invoke('auth.activity', {});
  }, [transport]);
  useIdleLock(gate.state === 'ready', gate.state === 'ready' ? gate.idleLockMinutes : 0, lockIdle, reportActivity);

  const keys = useMemo<Record<string, () => void>>(() => {
    const k = routeKeys(gate.state === 'ready', go);
    if (gate.state === 'ready') {
      k.KeyL = () => lock('manual');
      // Sync now from any page (Y: neither an intake shortcut nor a scan key).
      if (sync.status?.enrolled) k.KeyY = syncNow.run;
    }
    return k;
  }, [gate.state, go, lock, sync.status?.enrolled, syncNow.run]);
  useGlobalKeys(keys);

  return (
    <SyncProvider value={shared}>
      <div className="app">
        <header className="app-header">
          <h1>
            {t('app.title')} <small>{t('app.subtitle')}</small>
          </h1>
          {signedIn && (
            <span className="who" data-testid="who">
              {t('shell.who', { name: gate.staff.displayName, role: t(ROLE_LABEL[gate.staff.role]) })}
            </span>
          )}
          <LanguageSwitch />
        </header>
        <StoreBanner />
        {gate.state === 'ready' && <NavBar route={route} onGo={go} onLock={() => lock('manual')} onSignOut={signOut} />}
        <main>{body(gate)}</main>
      </div>
    </SyncProvider>
  );

  function body(g: Gate): React.ReactNode {
    const atGate = ROUTES[route].atGate;
    switch (g.state) {
      case 'loading':
        return <p aria-busy="true">{t('shell.loading')}</p>;
      case 'error':
        return (
          <p role="alert" className="error" data-testid="shell-error">
            {errorText(g.error)}
          </p>
        );
      case 'setup':
        if (atGate) return atGate({ back: () => go(HOME), backLabel: t('setup.title'), backShortcut: shortcutOf(HOME) });
        return (
          <SetupScreen
            onDone={(login) => {
              showSignIn(login);
              void refresh();
            }}
          />
        );
      case 'signIn':
        if (atGate) return atGate({ back: () => go(HOME), backLabel: t('signIn.title'), backShortcut: shortcutOf(HOME) });
        return <SignInScreen key={g.login} initialLogin={g.login} onDone={() => void refresh()} />;
      case 'locked':
      case 'ready':
        return (
          <>
            {g.state === 'locked' && <LockScreen staff={g.staff} onUnlocked={() => void refresh()} onSomeoneElse={() => showSignIn()} />}
            {/* Keyed by the staff member: someone else signing in starts from a clean page. */}
            <div key={g.staff.id} className={g.state === 'locked' ? 'behind-lock' : undefined} inert={g.state === 'locked'} hidden={g.state === 'locked'}>
              <Pages route={route} param={param} go={go} ready={g.state === 'ready'} role={g.staff.role} />
            </div>
          </>
        );
    }
  }
}

interface PagesProps {
  route: Route;
  param: string | null;
  go: Go;
  ready: boolean;
  role: Staff['role'];
}

/** Each page in its own box, mounted while shown; a `keepMounted` one (the intake) stays mounted, so switching pages keeps its work. */
function Pages({ route, param, go, ready, role }: PagesProps): React.JSX.Element {
  return (
    <>
      {ROUTE_NAMES.map((r) => {
        const spec = ROUTES[r];
        const here = route === r;
        return (
          <div key={r} hidden={!here}>
            {(here || spec.keepMounted) && spec.page({ param, go, ready, here, role })}
          </div>
        );
      })}
    </>
  );
}
