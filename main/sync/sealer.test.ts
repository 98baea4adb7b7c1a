import { describe, expect, it } from 'vitest';
import { SyncFailure } from './failure.js';
import { plainSealer, SEALED_PREFIX } from './sealer.js';

describe('credential sealing without an OS keychain (the host)', () => {
  it('keeps a plain credential as it is', () => {
    expect(plainSealer.open(plainSealer.seal('ow1.id.secret'))).toBe('ow1.id.secret');
  });

  it('refuses, with a stop that needs a person, a credential sealed by the desktop app', () => {
    let caught: unknown = null;
    try {
      plainSealer.open(`${SEALED_PREFIX}AAAA`);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SyncFailure);
    expect((caught as SyncFailure).code).toBe('credential_sealed');
    expect((caught as SyncFailure).kind).toBe('attention');
  });
});
