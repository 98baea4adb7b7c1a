import type { Database } from 'better-sqlite3';
import type { Role } from '../../core/api/contract.js';
import { DomainError } from '../../core/result.js';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
import type { StaffRef } from './session.js';

interface StaffRow {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  active: number;
}

const toRef = (r: StaffRow): StaffRef => ({ id: r.id, login: r.login, displayName: r.display_name, role: r.role });

export function staffCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

export function listStaff(db: Database): StaffRef[] {
  return (db.prepare('SELECT * FROM staff WHERE active = 1 ORDER BY login').all() as StaffRow[]).map(toRef);
}

/** Hashes first (slow, outside any transaction), then returns the insert to run inside one. */
export async function prepareStaff(
  db: Database,
  input: { login: string; displayName: string; role: Role; password: string },
): Promise<(createdAt: string) => StaffRef> {
  const problem = passwordProblem(input.password);
  if (problem) throw new DomainError('invalid_input', `the password needs ${problem}`, 'password', 'password_weak');
  const hash = await hashPassword(input.password);
  return (createdAt) => {
    if (db.prepare('SELECT 1 FROM staff WHERE login = ?').get(input.login)) {
      throw new DomainError('conflict', `"${input.login}" already exists`, 'login', 'login_taken');
    }
    const info = db
      .prepare('INSERT INTO staff (login, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.login, input.displayName, input.role, hash, createdAt);
    return { id: Number(info.lastInsertRowid), login: input.login, displayName: input.displayName, role: input.role };
  };
}

/**
 * The active staff member with this login and password, or null (same answer for either being wrong).
 * Only main/auth/password-check.ts calls it: every check there is throttled and journaled.
 * A right password under an old hash is hashed again with today's parameters.
 */
export async function checkCredentials(db: Database, login: string, password: string): Promise<StaffRef | null> {
  const row = db.prepare('SELECT * FROM staff WHERE login = ? AND active = 1').get(login) as StaffRow | undefined;
  // Verify against a dummy hash when the login is unknown, so timing does not tell which logins exist.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) return null;
  if (row.password_hash && needsRehash(row.password_hash)) {
    const upgraded = await hashPassword(password);
    // Only if nobody changed it meanwhile (the hash compared is the one just verified).
    db.prepare('UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?').run(upgraded, row.id, row.password_hash);
  }
  return toRef(row);
}

// Today's parameters, so an unknown login costs what a known one does.
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
