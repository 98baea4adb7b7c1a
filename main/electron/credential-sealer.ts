import { safeStorage } from 'electron';
import { SEALED_PREFIX, type CredentialSealer } from '../sync/index.js';

/**
 * The sync credential sealed by the OS keychain (Electron safeStorage: DPAPI on Windows, Keychain on
 * macOS, the Secret Service or kwallet on Linux), so a copy of the store file carries no usable
 * credential. Null where safeStorage has no real keychain (Linux without one falls back to a fixed
 * key, `basic_text`, which would only pretend to protect): the credential then stays plain, as on
 * the host. Call after the app is ready.
 */
export function keychainSealer(): CredentialSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    kind: 'os keychain',
    seal: (plain) => `${SEALED_PREFIX}${safeStorage.encryptString(plain).toString('base64')}`,
    open: (stored) => (stored.startsWith(SEALED_PREFIX) ? safeStorage.decryptString(Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64')) : stored),
  };
}
