import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The QR code on every notice: who issued it and what it says, signed by the issuing terminal.
 *
 *   OW1|<case number>|<outcome>|<date YYYYMMDD>|<applicant hash>|<signature>
 *
 * - applicant hash: the first 16 hex digits of SHA-256("<case number>|<ID or credit code>"): a notice can
 *   be matched to the person holding it (hash their ID the same way) without printing the number in the
 *   code. Salting with the case number keeps one hash from matching across cases.
 * - signature: Ed25519 over the UTF-8 bytes of everything before the last `|`, in hex (128 chars), by
 *   the terminal whose code prefixes the case number. Its public key is registered with the central
 *   service at enrollment; until then only this terminal (which holds it) verifies offline.
 * About 190 characters: a version 9 QR at error-correction level M, readable on an 80 mm roll.
 */
export const QR_VERSION = 'OW1';

export interface QrFields {
  caseNo: string;
  outcome: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  applicantHash: string;
}

export function applicantHash(caseNo: string, idNumber: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${caseNo}|${idNumber}`))).slice(0, 16);
}

function message(f: QrFields): string {
  return [QR_VERSION, f.caseNo, f.outcome, f.date.replaceAll('-', ''), f.applicantHash].join('|');
}

export interface TerminalKeys {
  /** 32-byte seed, hex. Never leaves the terminal. */
  privateKey: string;
  publicKey: string;
}

/** Keys from 32 random bytes the caller supplies (core has no randomness of its own). */
export function keysFromSeed(seed: Uint8Array): TerminalKeys {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  return { privateKey: bytesToHex(seed), publicKey: bytesToHex(ed25519.getPublicKey(seed)) };
}

export function signQr(fields: QrFields, privateKeyHex: string): string {
  const msg = message(fields);
  return `${msg}|${bytesToHex(ed25519.sign(utf8ToBytes(msg), hexToBytes(privateKeyHex)))}`;
}

export type QrVerdict =
  | { valid: true; fields: QrFields }
  | { valid: false; reason: 'qr_malformed' | 'qr_version' | 'qr_signature'; fields?: QrFields };

export function parseQr(payload: string): { fields: QrFields; signed: string; signature: string } | null {
  const parts = payload.trim().split('|');
  if (parts.length !== 6) return null;
  const [version, caseNo, outcome, compactDate, hash, signature] = parts as [string, string, string, string, string, string];
  if (version !== QR_VERSION || !/^\d{8}$/.test(compactDate) || !/^[0-9a-f]{16}$/.test(hash) || !/^[0-9a-f]{128}$/.test(signature)) return null;
  const date = `${compactDate.slice(0, 4)}-${compactDate.slice(4, 6)}-${compactDate.slice(6, 8)}`;
  return { fields: { caseNo, outcome, date, applicantHash: hash }, signed: parts.slice(0, 5).join('|'), signature };
}

/** Checks a scanned payload against the issuing terminal's public key. */
export function verifyQr(payload: string, publicKeyHex: string): QrVerdict {
  if (!payload.trim().startsWith(`${QR_VERSION}|`)) return { valid: false, reason: payload.includes('|') ? 'qr_version' : 'qr_malformed' };
  const parsed = parseQr(payload);
  if (!parsed) return { valid: false, reason: 'qr_malformed' };
  let ok: boolean;
  try {
    ok = ed25519.verify(hexToBytes(parsed.signature), utf8ToBytes(parsed.signed), hexToBytes(publicKeyHex));
  } catch {
    ok = false; // a malformed key or signature is a failed check, not a crash
  }
  return ok ? { valid: true, fields: parsed.fields } : { valid: false, reason: 'qr_signature', fields: parsed.fields };
}
