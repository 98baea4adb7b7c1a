import { describe, expect, it } from 'vitest';
import { applicantHash, keysFromSeed, parseQr, signQr, verifyQr } from './qr.js';

const seed = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) % 256);
const fields = { caseNo: 'T3101040007-20261126-0001', outcome: 'accepted', date: '2026-11-26', applicantHash: applicantHash('T3101040007-20261126-0001', '11010519491231002X') };

describe('notice QR payload', () => {
  it('uses RFC 8032 Ed25519 (test vector 1: public key of the all-zero-ish seed)', () => {
    // RFC 8032 §7.1, TEST 1.
    const seedHex = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const keys = keysFromSeed(Uint8Array.from(seedHex.match(/../g)!.map((h) => parseInt(h, 16))));
    expect(keys.publicKey).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('signs and verifies; the payload has the documented shape and stays short', () => {
    const keys = keysFromSeed(seed(1));
    const payload = signQr(fields, keys.privateKey);
    expect(payload).toMatch(/^OW1\|T3101040007-20261126-0001\|accepted\|20261126\|[0-9a-f]{16}\|[0-9a-f]{128}$/);
    expect(payload.length).toBeLessThan(200);
    expect(verifyQr(payload, keys.publicKey)).toEqual({ valid: true, fields });
  });

  it('rejects a changed field, another terminal’s key, and garbage', () => {
    const keys = keysFromSeed(seed(1));
    const payload = signQr(fields, keys.privateKey);
    expect(verifyQr(payload.replace('|accepted|', '|rejected|'), keys.publicKey)).toMatchObject({ valid: false, reason: 'qr_signature' });
    expect(verifyQr(payload, keysFromSeed(seed(2)).publicKey)).toMatchObject({ valid: false, reason: 'qr_signature' });
    expect(verifyQr('hello', keys.publicKey)).toEqual({ valid: false, reason: 'qr_malformed' });
    expect(verifyQr(payload.replace('OW1', 'OW9'), keys.publicKey)).toEqual({ valid: false, reason: 'qr_version' });
    expect(parseQr(payload.slice(0, -1))).toBeNull();
  });

  it('hashes the applicant per case, so one hash does not match across cases', () => {
    expect(applicantHash('A-20261126-0001', '11010519491231002X')).not.toBe(applicantHash('A-20261126-0002', '11010519491231002X'));
    expect(applicantHash('A-20261126-0001', '11010519491231002X')).toMatch(/^[0-9a-f]{16}$/);
  });
});
