import { useCallback, useEffect, useState } from 'react';
import type { HandlerResult } from '../../../core/api/contract.js';
import type { AppError } from '../../../core/result.js';
import type { Transport } from '../transport/index.js';
import { useTransport } from '../transport/context.js';
import { Newest } from '../transport/query.js';

export type Staff = HandlerResult<'auth.signIn'>['staff'];

/** Which gate the terminal is at: first run, sign-in, locked, or working. */
export type Gate =
  | { state: 'loading' }
  | { state: 'error'; error: AppError }
  | { state: 'setup' }
  | { state: 'signIn'; login: string }
  | { state: 'locked'; staff: Staff; idleLockMinutes: number }
  | { state: 'ready'; staff: Staff; idleLockMinutes: number };

export interface Session {
  gate: Gate;
  /** Asks the back end again (after setup, sign-in, an auth event, a `locked` answer…). */
  refresh: () => Promise<void>;
  /** Shows the sign-in screen without signing out (the lock screen's "someone else"). */
  showSignIn: (login?: string) => void;
}

/** The session is the terminal's (both doors share it), so the back end is the one source of truth. */
export function useSession(): Session {
  const transport = useTransport();
  const [gate, setGate] = useState<Gate>({ state: 'loading' });
  // Refreshes and auth events race (a sign-in here, an event from the other door): the newest read wins.
  const [newest] = useState(() => new Newest());

  const refresh = useCallback(() => {
    const stillNewest = newest.next();
    return readGate(transport).then((next) => {
      if (stillNewest()) setGate(next);
    });
  }, [transport, newest]);

  useEffect(() => {
    void refresh();
    // Another window or the other door signed in, out, or locked: follow it.
    const off = transport.on('auth.changed', () => void refresh());
    return () => {
      newest.drop();
      off();
    };
  }, [transport, refresh, newest]);

  const showSignIn = useCallback((login = '') => setGate({ state: 'signIn', login }), []);

  return { gate, refresh, showSignIn };
}

/** Reads setup and session state; the result maps the previous gate to the next (keeping a typed login). */
async function readGate(transport: Transport): Promise<(prev: Gate) => Gate> {
  const [status, session] = await Promise.all([transport.invoke('setup.status', {}), transport.invoke('auth.session', {})]);
  if (!status.ok) return () => ({ state: 'error', error: status.error });
  if (!session.ok) return () => ({ state: 'error', error: session.error });
  if (status.value.needsSetup) return () => ({ state: 'setup' });
  const { staff, locked, idleLockMinutes } = session.value;
  return (prev) => {
    if (!staff) return { state: 'signIn', login: prev.state === 'signIn' ? prev.login : '' };
    return locked ? { state: 'locked', staff, idleLockMinutes } : { state: 'ready', staff, idleLockMinutes };
  };
}
