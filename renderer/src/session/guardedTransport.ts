import type { ErrorCode } from '../../../core/result.js';
import type { Transport } from '../transport/index.js';

/**
 * Wraps the transport so that any handler refusing with `locked` or `unauthenticated` (the terminal
 * locked itself after idling, or someone signed out at the other door) takes the UI to the lock or
 * sign-in screen, wherever the call was made (and a reset password waiting to be changed, to that form). The auth.* handlers are left alone: a wrong password
 * on the lock screen answers `unauthenticated` too, and must stay on that screen as a field error.
 */
export function guardedTransport(inner: Transport, onAuthLost: (code: ErrorCode) => void): Transport {
  return {
    kind: inner.kind,
    on: inner.on.bind(inner),
    invoke: async (name, input) => {
      const result = await inner.invoke(name, input);
      const lost = result.ok ? false : result.error.code === 'locked' || result.error.code === 'unauthenticated' || result.error.reason === 'password_change_required';
      if (!result.ok && !name.startsWith('auth.') && lost) {
        onAuthLost(result.error.code);
      }
      return result;
    },
  };
}
