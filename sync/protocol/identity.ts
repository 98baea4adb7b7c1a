import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What makes a command the same command on both sides (sync/README.md, "Ids and forks"): a stable id
 * (a UUID made with the command, in the transaction that makes it) and a content hash, SHA-256 of
 * the canonical JSON of `[name, args]`. The terminal stores both in its outbox; the centre recomputes
 * the hash from what it received, deduplicates by id, and takes a seq it already holds with another
 * hash for what it is: a fork of the terminal's store (restored from a backup and gone on), not a
 * repeat.
 */

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does) at every level
 * and no whitespace, so equal values give equal text whatever order their keys were written in.
 * `undefined` members are left out and non-finite numbers become null, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content hash of a command: lowercase hex SHA-256 of `canonicalJson([name, args])`. */
export function commandHash(name: string, args: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson([name, args]))));
}
