import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';

/** Many cases.changed arrive together after a pull: one read of the status for the lot. */
const REREAD_DELAY_MS = 150;

export interface SyncStatusState {
  status: SyncStatus | null;
  error: AppError | null;
  /** A status the caller got from a handler (sync.now, sync.enroll): newer than what is shown. */
  apply: (status: SyncStatus) => void;
}

/**
 * The link to the centre as the back end reports it: `sync.status` once signed in, then every
 * `sync.changed` event as it comes (its payload is the whole status, so following it costs no call).
 * While not enrolled no sync client runs to send that event, yet a case taken (`cases.changed`) adds
 * a command waiting: the status is read again then. Nothing polls, and nothing the centre does makes
 * a call (a handler call counts as activity for the back end's idle lock).
 */
export function useSyncStatus(signedIn: boolean): SyncStatusState {
  const transport = useTransport();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Bumped by every status that arrives; a read answered after a newer event is dropped.
  const version = useRef(0);
  const enrolled = useRef(false);
  useEffect(() => {
    enrolled.current = status?.enrolled === true;
  }, [status]);

  useEffect(
    () =>
      transport.on('sync.changed', (s) => {
        version.current += 1;
        setStatus(s);
      }),
    [transport],
  );

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    let timer: number | null = null;
    const read = (): void => {
      const asked = ++version.current;
      void transport.invoke('sync.status', {}).then((r) => {
        if (!live || asked !== version.current) return;
        if (r.ok) {
          setStatus(r.value);
          setError(null);
        } else setError(r.error);
      });
    };
    const readSoon = (): void => {
      if (enrolled.current) return; // the sync client reports every change itself
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timer = null;
        read();
      }, REREAD_DELAY_MS);
    };
    read();
    const off = transport.on('cases.changed', readSoon);
    return () => {
      live = false;
      if (timer !== null) window.clearTimeout(timer);
      off();
    };
  }, [signedIn, transport]);

  const apply = useCallback((s: SyncStatus): void => {
    version.current += 1;
    setStatus(s);
  }, []);
  return { status, error, apply };
}
