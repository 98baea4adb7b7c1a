import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements.js';

/**
 * Wrong passwords per login (table `sign_in_failures`): the first FREE_FAILURES cost nothing; each one
 * after them locks the login out, for FIRST_LOCK_MS and twice as long each further time, up to
 * MAX_LOCK_MS. A right password clears the count. Four tries, then 30 s, 1, 2, 4, 8 and 15 minutes:
 * a person who mistypes is barely slowed, a guesser gets a few hundred tries a day instead of ten a
 * second.
 */
export const FREE_FAILURES = 4;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

/** How long the `failures`-th wrong password in a row locks the login out (0: not at all). */
export function lockMsAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** The same counter however the login was typed (logins are letters, digits and . _ -). */
const keyOf = (login: string): string => login.trim().toLowerCase();

/** The instant (ms) until which the login is locked out, or null when it may try now. */
export function lockedUntil(db: Database, login: string, nowMs: number): number | null {
  const row = stmt<{ locked_until: string | null }>(db, 'SELECT locked_until FROM sign_in_failures WHERE login = ?').get(keyOf(login));
  const until = row?.locked_until ? Date.parse(row.locked_until) : NaN;
  return Number.isFinite(until) && until > nowMs ? until : null;
}

/** Counts one wrong password; returns the count and, when it locks the login out, until when. */
export function recordFailure(db: Database, login: string, nowIso: string): { failures: number; lockedUntil: string | null } {
  const key = keyOf(login);
  const before = stmt<{ failures: number }>(db, 'SELECT failures FROM sign_in_failures WHERE login = ?').get(key)?.failures ?? 0;
  const failures = before + 1;
  const lockMs = lockMsAfter(failures);
  const until = lockMs > 0 ? new Date(Date.parse(nowIso) + lockMs).toISOString() : null;
  stmt(db, 'INSERT INTO sign_in_failures (login, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT (login) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until').run(key, failures, until);
  return { failures, lockedUntil: until };
}

export function clearFailures(db: Database, login: string): void {
  stmt(db, 'DELETE FROM sign_in_failures WHERE login = ?').run(keyOf(login));
}
