import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Secrets are stored only as their SHA-256: a leaked database does not let anyone push or enroll. */
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function sameHash(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export const CREDENTIAL_PREFIX = 'ow1';
/** `ow1.<terminalId>.<secret>`: 256 random bits, base64url (no dots, so the split is unambiguous). */
export function newCredential(terminalId: string): { credential: string; secretSha256: string } {
  const secret = randomBytes(32).toString('base64url');
  return { credential: `${CREDENTIAL_PREFIX}.${terminalId}.${secret}`, secretSha256: sha256(secret) };
}

export function parseCredential(credential: string): { terminalId: string; secret: string } | null {
  // The id's exact UUID shape: anything looser (36 dashes) would reach the database's uuid cast and fail there.
  const m = /^ow1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,200})$/i.exec(credential);
  return m?.[1] && m[2] ? { terminalId: m[1].toLowerCase(), secret: m[2] } : null;
}

/**
 * Enrollment codes are typed by IT on the terminal: 16 characters of an alphabet without look-alikes
 * (no 0/O, 1/I/L), in groups of four. 31^16 ≈ 2^79 codes: not guessable within the days one lives.
 */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}
/** The same code however it was typed: case, spaces and dashes do not matter. */
export const normalizeEnrollmentCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/** Office tokens: `owo.` + 256 random bits. */
export const newOfficeToken = (): string => `owo.${randomBytes(32).toString('base64url')}`;
