import { useEffect, useRef } from 'react';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';

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
 * a call (a handler call counts as activity for the back end's idle lock). A status that arrives
 * (event or `apply`) is newer than any read on its way, whose answer is then dropped.
 */
export function useSyncStatus(signedIn: boolean): SyncStatusState {
  const transport = useTransport();
  const enrolled = useRef(false);
  // Kept while locked or signed out (the pages are hidden then), so unlocking shows it at once.
  const read = useHandler('sync.status', signedIn ? {} : null, {
    keep: true,
    delayMs: REREAD_DELAY_MS,
    // Once enrolled, the sync client reports every change itself.
    refreshOn: [{ event: 'cases.changed', when: () => !enrolled.current }],
  });
  const { data: status, error, set: apply } = read;
  useEffect(() => {
    enrolled.current = status?.enrolled === true;
  }, [status]);

  useEffect(() => transport.on('sync.changed', apply), [transport, apply]);

  return { status, error, apply };
}
