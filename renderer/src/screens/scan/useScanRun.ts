import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandlerResult } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import type { ScanProfile } from './types.js';

export type ScanOutcome = HandlerResult<'scans.scan'>;

export type ScanRunState =
  | { state: 'idle' }
  /** `index`: the page being scanned (0 for the first of this run); `percent` of it; `arrived`: pages stored so far. */
  | { state: 'scanning'; index: number; percent: number; arrived: number; cancelling: boolean }
  | { state: 'done'; outcome: ScanOutcome }
  /** The scan stopped on a failure; the `arrived` pages before it are stored and stay. */
  | { state: 'failed'; error: AppError; arrived: number };

const IDLE: ScanRunState = { state: 'idle' };

export interface ScanRun {
  status: ScanRunState;
  scanning: boolean;
  scan: (profile: ScanProfile) => Promise<void>;
  cancel: () => void;
  dismiss: () => void;
}

/**
 * One scan at a time into the intake's batch: `scans.scan` answers only when the batch has ended (the
 * feeder ran empty, the flatbed page is in, or the clerk cancelled), and meanwhile `scans.progress`
 * and `scans.page` tell how far it is, which is what the clerk watches.
 */
export function useScanRun(intakeId: string): ScanRun {
  const transport = useTransport();
  // Kept with the intake it is about: a new intake starts with nothing to report.
  const [run, setRun] = useState<{ intakeId: string; status: ScanRunState }>({ intakeId, status: IDLE });
  const status = run.intakeId === intakeId ? run.status : IDLE;
  const setStatus = useCallback(
    (next: (s: ScanRunState) => ScanRunState) => setRun((r) => ({ intakeId, status: next(r.intakeId === intakeId ? r.status : IDLE) })),
    [intakeId],
  );
  // A second S before React re-renders with `scanning` must not start a second scan.
  const busy = useRef(false);

  useEffect(() => {
    const offProgress = transport.on('scans.progress', (p) => {
      if (p.intakeId !== intakeId) return;
      setStatus((s) => (s.state === 'scanning' ? { ...s, index: p.index, percent: Math.max(0, Math.min(100, p.percent)) } : s));
    });
    const offPage = transport.on('scans.page', (p) => {
      if (p.intakeId !== intakeId) return;
      setStatus((s) => (s.state === 'scanning' ? { ...s, arrived: s.arrived + 1, percent: 0, index: s.index + 1 } : s));
    });
    return () => {
      offProgress();
      offPage();
    };
  }, [transport, intakeId, setStatus]);

  const scan = useCallback(
    async (profile: ScanProfile) => {
      if (busy.current) return;
      busy.current = true;
      setStatus(() => ({ state: 'scanning', index: 0, percent: 0, arrived: 0, cancelling: false }));
      const r = await transport.invoke('scans.scan', { intakeId, ...profile });
      busy.current = false;
      setStatus((s) => {
        const arrived = s.state === 'scanning' ? s.arrived : 0;
        return r.ok ? { state: 'done', outcome: r.value } : { state: 'failed', error: r.error, arrived };
      });
    },
    [transport, intakeId, setStatus],
  );

  const cancel = useCallback(() => {
    if (!busy.current) return;
    setStatus((s) => (s.state === 'scanning' ? { ...s, cancelling: true } : s));
    void transport.invoke('scans.cancel', { intakeId });
  }, [transport, intakeId, setStatus]);

  const dismiss = useCallback(() => setStatus((s) => (s.state === 'scanning' ? s : IDLE)), [setStatus]);

  return { status, scanning: status.state === 'scanning', scan, cancel, dismiss };
}
