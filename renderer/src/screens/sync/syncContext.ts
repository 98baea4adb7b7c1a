import { createContext, useContext } from 'react';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { AppError } from '../../../../core/result.js';
import type { SyncNow } from './useSyncNow.js';

/** What the nav bar's indicator, the sync page and the enrollment form share (one status, one "sync now"). */
export interface SyncShared extends SyncNow {
  status: SyncStatus | null;
  error: AppError | null;
  apply: (status: SyncStatus) => void;
}

const SyncContext = createContext<SyncShared | null>(null);

export const SyncProvider = SyncContext.Provider;

export function useSync(): SyncShared {
  const s = useContext(SyncContext);
  if (!s) throw new Error('useSync outside <SyncProvider>');
  return s;
}
