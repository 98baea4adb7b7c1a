import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The audit journal is a hash chain: each entry stores the hash of the one before it, so removing,
 * reordering or editing any entry breaks every link after it. The store also forbids UPDATE and
 * DELETE with triggers; the chain is what catches a change made behind the app's back (a copied
 * file edited with another tool).
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  /** JSON text, stored exactly as hashed. */
  details: string;
}

export interface AuditRecord extends AuditFields {
  prevHash: string;
  hash: string;
}

export function hashAuditEntry(prevHash: string, e: AuditFields): string {
  // A JSON array gives one unambiguous encoding of the fields (no separator can be forged).
  const canonical = JSON.stringify([prevHash, e.seq, e.at, e.actor, e.action, e.subject, e.details]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

export type ChainBreak = 'hash_mismatch' | 'link_broken' | 'seq_gap';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** seq of the first entry that does not verify. */
  brokenAt?: number;
  reason?: ChainBreak;
}

export function verifyAuditChain(entries: Iterable<AuditRecord>): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq: number | null = null;
  let checked = 0;
  for (const e of entries) {
    if (expectedSeq !== null && e.seq !== expectedSeq) {
      return { ok: false, checked, brokenAt: e.seq, reason: 'seq_gap' };
    }
    if (e.prevHash !== prevHash) {
      return { ok: false, checked, brokenAt: e.seq, reason: 'link_broken' };
    }
    if (hashAuditEntry(e.prevHash, e) !== e.hash) {
      return { ok: false, checked, brokenAt: e.seq, reason: 'hash_mismatch' };
    }
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
    checked += 1;
  }
  return { ok: true, checked };
}
