import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreProblem, StoreStatus } from '../../../core/api/contract-store.js';
import type { Key } from '../i18n/keys.js';
import { useTransport } from '../transport/context.js';

/**
 * Often enough that the banner comes and goes within a few seconds of the disk filling or getting room
 * again; store.status is public, so reading it is not activity that would keep the idle lock away.
 */
const POLL_MS = 5_000;

/** The store's status, read now and every POLL_MS; null until the first answer. */
function useStoreStatus(): StoreStatus | null {
  const transport = useTransport();
  const [status, setStatus] = useState<StoreStatus | null>(null);
  useEffect(() => {
    let live = true;
    const read = (): void => {
      void transport.invoke('store.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    };
    read();
    const timer = window.setInterval(read, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [transport]);
  return status;
}

/** Each problem's words: a new problem in the contract does not compile until it has them. */
const PROBLEM_TEXT: Readonly<Record<StoreProblem, Key>> = { disk_full: 'store.disk_full' };

/** Across the top of every screen while the store cannot take writes (the disk is full): the app is read-only. */
export function StoreBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const status = useStoreStatus();
  if (!status || status.writable) return null;
  return (
    <p role="alert" className="store-banner" data-testid="store-banner">
      {t(PROBLEM_TEXT[status.problem ?? 'disk_full'])}
    </p>
  );
}
