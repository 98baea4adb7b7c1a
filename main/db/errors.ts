import { DomainError } from '../../core/result.js';

/** Refusals to open a store file. The message names the file and says what to do. */
export type StoreErrorCode = 'store_corrupt' | 'store_too_new' | 'store_unreadable' | 'store_locked' | 'disk_full';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly file: string;

  constructor(code: StoreErrorCode, file: string, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.file = file;
  }
}

/** SQLite's and the file system's words for "no room": a write that did not fit, nothing half-done. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

function isDamage(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * A failure of the store itself (not of the handler's logic) as the refusal the clerk can act on, or null.
 * Disk full is `unavailable`/`disk_full` wherever it happens, never `internal`: SQLite rolled the
 * transaction back, so nothing was stored and the same call can be made again once there is room.
 */
export function storeRefusal(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err.reason === 'disk_full' ? err : null;
  const code = (err as { code?: unknown } | null)?.code;
  if (isDiskFull(err)) {
    return new DomainError('unavailable', 'the disk of this terminal is full; nothing was stored. Free space (or ask IT) and try again.', undefined, 'disk_full');
  }
  if (isDamage(code)) {
    return new DomainError('unavailable', 'the local store is damaged; nothing was stored. Ask IT (the app must be restarted with a good copy).', undefined, 'store_corrupt');
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') {
    return new DomainError('unavailable', 'another program holds the local store; nothing was stored. Try again.', undefined, 'store_locked');
  }
  return null;
}
