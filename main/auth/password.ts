import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff passwords as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64). The parameters travel with the
 * hash so they can be raised without locking anyone out: a hash made with weaker ones is replaced at
 * its owner's next successful sign-in (`needsRehash`). Never logged, never stored in clear.
 * N=2^17, r=8, p=1 is OWASP's scrypt recommendation (128 MiB, ~0.3 s here).
 */
export const PASSWORD_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const PARAMS = PASSWORD_PARAMS;
const KEY_LENGTH = 32;
// scrypt needs 128·N·r bytes (128 MiB at these parameters) and refuses to run above maxmem.
const MAX_MEM = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...opts, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash ?? '', 'base64');
  const key = await derive(password, Buffer.from(salt ?? '', 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when the stored hash was made with weaker parameters than today's (or is not one of ours). */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) < PARAMS.N || Number(r) < PARAMS.r || Number(p) < PARAMS.p;
}

/** What a new password must be; the same rule for the first admin and for every later account. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'at least 8 characters';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'letters and digits both';
  return null;
}
