import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { keysFromSeed, type TerminalKeys } from '../../core/notices/qr.js';
import { stmt } from '../db/statements.js';

/** The terminal's signing keys, made on first use from 32 bytes of the OS's randomness. */
export function terminalKeys(db: Database, nowIso: string): TerminalKeys {
  const row = stmt<{ public_key: string; private_key: string }>(db, 'SELECT public_key, private_key FROM terminal_keys WHERE id = 1').get();
  if (row) return { publicKey: row.public_key, privateKey: row.private_key };
  const keys = keysFromSeed(randomBytes(32));
  stmt(db, 'INSERT OR IGNORE INTO terminal_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)').run(keys.publicKey, keys.privateKey, nowIso);
  // Another call may have won the race between SELECT and INSERT; the stored pair is the one.
  const stored = stmt<{ public_key: string; private_key: string }>(db, 'SELECT public_key, private_key FROM terminal_keys WHERE id = 1').get();
  return stored ? { publicKey: stored.public_key, privateKey: stored.private_key } : keys;
}
