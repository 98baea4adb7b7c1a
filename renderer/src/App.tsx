import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LockScreen } from './screens/auth/LockScreen.js';
import { SetupScreen } from './screens/auth/SetupScreen.js';
import { SignInScreen } from './screens/auth/SignInScreen.js';
import { CasesScreen } from './screens/cases/CasesScreen.js';
import { IntakeScreen } from './screens/intake/IntakeScreen.js';
import { TerminalScreen } from './screens/terminal/TerminalScreen.js';
import { guardedTransport } from './session/guardedTransport.js';
import { useIdleLock } from './session/useIdleLock.js';
import { useSession, type Gate, type Staff } from './session/useSession.js';
import { NavBar } from './shell/NavBar.js';
import { useGlobalKeys } from './shell/useGlobalKeys.js';
import { useHashRoute } from './shell/useHashRoute.js';
import { TransportProvider, useTransport } from './transport/context.js';
import { useErrorText } from './useErrorText.js';

/**
 * The shell: first-run setup, sign-in and lock gates in front of the three pages. The pages stay
 * mounted while the screen is locked (hidden and inert), so work in progress survives a lock.
 */
export function App(): React.JSX.Element {
  const { t } = useTranslation();
  const rawTransport = useTransport();
  const errorText = useErrorText();
  const { gate, refresh, showSignIn } = useSession();
  const [route, go] = useHashRoute();

  // Any `locked`/`unauthenticated` answer, from any page, sends the UI to the right gate.
  const transport = useMemo(() => guardedTransport(rawTransport, () => void refresh()), [rawTransport, refresh]);

  const signedIn = gate.state === 'ready' || gate.state === 'locked';
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
    const k: Record<string, () => void> = { Digit1: () => go('intake'), Digit3: () => go('terminal') };
    if (gate.state === 'ready') {
      k.Digit2 = () => go('cases');
      k.KeyL = () => lock('manual');
    }
    return k;
  }, [gate.state, go, lock]);
  useGlobalKeys(keys);

  return (
    <TransportProvider value={transport}>
      <div className="app">
        <header className="app-header">
          <h1>
            {t('app.title')} <small>{t('app.subtitle')}</small>
          </h1>
          {signedIn && (
            <span className="who" data-testid="who">
              {t('shell.who', { name: gate.staff.displayName, role: t(`roles.${gate.staff.role}`) })}
            </span>
          )}
          <LanguageSwitch />
        </header>
        {gate.state === 'ready' && <NavBar route={route} onGo={go} onLock={() => lock('manual')} onSignOut={signOut} />}
        <main>{body(gate)}</main>
      </div>
    </TransportProvider>
  );

  function body(g: Gate): React.ReactNode {
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
        if (route === 'terminal') return <TerminalScreen onBack={() => go('intake')} backLabel={t('setup.title')} />;
        return (
          <SetupScreen
            onDone={(login) => {
              showSignIn(login);
              void refresh();
            }}
          />
        );
      case 'signIn':
        if (route === 'terminal') return <TerminalScreen onBack={() => go('intake')} backLabel={t('signIn.title')} />;
        return <SignInScreen key={g.login} initialLogin={g.login} onDone={() => void refresh()} />;
      case 'locked':
      case 'ready':
        return (
          <>
            {g.state === 'locked' && <LockScreen staff={g.staff} onUnlocked={() => void refresh()} onSomeoneElse={() => showSignIn()} />}
            {/* Keyed by the staff member: someone else signing in starts from a clean page. */}
            <div key={g.staff.id} className={g.state === 'locked' ? 'behind-lock' : undefined} inert={g.state === 'locked'} hidden={g.state === 'locked'}>
              <Pages route={route} ready={g.state === 'ready'} role={g.staff.role} />
            </div>
          </>
        );
    }
  }
}

/** Every page stays mounted once visited, so switching pages keeps an intake where it was. */
function Pages({ route, ready, role }: { route: ReturnType<typeof useHashRoute>[0]; ready: boolean; role: Staff['role'] }): React.JSX.Element {
  return (
    <>
      <div hidden={route !== 'intake'}>
        <IntakeScreen active={ready && route === 'intake'} />
      </div>
      <div hidden={route !== 'cases'}>{route === 'cases' && <CasesScreen shown={ready} />}</div>
      <div hidden={route !== 'terminal'}>{route === 'terminal' && <TerminalScreen role={role} />}</div>
    </>
  );
}
