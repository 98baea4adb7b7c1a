import { useCallback, useRef, useState } from 'react';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';

/** The last "sync now" a person asked for (when: `startedAt`, ms): still running, refused by the handler, or its status after. */
export type SyncNowOutcome = { startedAt: number } & ({ state: 'running' } | { state: 'refused'; error: AppError } | { state: 'done'; status: SyncStatus; at: string });

export interface SyncNow {
  outcome: SyncNowOutcome | null;
  run: () => void;
}

/**
 * `sync.now`: one push and pull at once, whatever held the loop back. A second press while one runs is
 * ignored (the back end would only queue the same wish). The answer is the status after that attempt;
 * a failed attempt is in its `error`, not a refusal of the call.
 */
export function useSyncNow(apply: (status: SyncStatus) => void): SyncNow {
  const transport = useTransport();
  const [outcome, setOutcome] = useState<SyncNowOutcome | null>(null);
  const running = useRef(false);

  const run = useCallback(() => {
    if (running.current) return;
    running.current = true;
    const startedAt = Date.now();
    setOutcome({ startedAt, state: 'running' });
    void transport.invoke('sync.now', {}).then((r) => {
      running.current = false;
      if (r.ok) {
        apply(r.value);
        setOutcome({ startedAt, state: 'done', status: r.value, at: new Date().toISOString() });
      } else setOutcome({ startedAt, state: 'refused', error: r.error });
    });
  }, [transport, apply]);

  return { outcome, run };
}
