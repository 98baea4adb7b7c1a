import { SyncFailure } from './failure.js';

/**
 * How the terminal's credential rests in the store. The desktop app seals it with the operating
 * system's keychain (Electron safeStorage: DPAPI on Windows, the Secret Service/kwallet on Linux) so a
 * copied store file does not carry a usable credential; the host (tests, a developer's browser) keeps
 * it as it is. A sealed value starts with `SEALED_PREFIX`; anything else is plain (stores enrolled
 * before sealing existed), and is sealed the next time the terminal enrolls.
 */
export interface CredentialSealer {
  /** What a person reads in a status line: `os keychain`, `none`. */
  readonly kind: string;
  seal(plain: string): string;
  open(stored: string): string;
}

export const SEALED_PREFIX = 'os1:';

export const plainSealer: CredentialSealer = {
  kind: 'none',
  seal: (plain) => plain,
  open: (stored) => {
    if (stored.startsWith(SEALED_PREFIX)) {
      throw new SyncFailure('credential_sealed', "this store's credential is sealed by the desktop app's OS keychain; open it with the desktop app, or enroll this terminal again", 'attention');
    }
    return stored;
  },
};
