import type { Database } from 'better-sqlite3';
import type { Role } from '../../core/api/contract.js';
import { DomainError } from '../../core/result.js';
import { hashPassword, passwordProblem } from './password.js';

/**
 * Staff administration beside sign-in (staff.ts): the admin's list, roles, disabling, password resets
 * and one's own password change. The rules that keep a terminal administrable live here: there is
 * always an active admin, and admins do not demote or disable themselves.
 */
export interface StaffAccount {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

interface AccountRow {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  active: number;
  must_change_password: number;
  created_at: string;
  password_hash: string | null;
}

const toAccount = (r: AccountRow): StaffAccount => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
});

function row(db: Database, id: number): AccountRow {
  const r = db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as AccountRow | undefined;
  if (!r) throw new DomainError('not_found', `no staff account ${id}`, 'staffId', 'staff_unknown');
  return r;
}

export function listAccounts(db: Database): StaffAccount[] {
  return (db.prepare('SELECT * FROM staff ORDER BY active DESC, login').all() as AccountRow[]).map(toAccount);
}

export function account(db: Database, id: number): StaffAccount {
  return toAccount(row(db, id));
}

/** Whether this member of staff must choose a new password before doing anything else. */
export function mustChangePassword(db: Database, id: number): boolean {
  const r = db.prepare('SELECT must_change_password AS m FROM staff WHERE id = ?').get(id) as { m: number } | undefined;
  return r?.m === 1;
}

function otherActiveAdmins(db: Database, id: number): number {
  return (db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND active = 1 AND id <> ?").get(id) as { n: number }).n;
}

/** Refuses a change that would leave the terminal without an admin, or an admin changing their own standing. */
function guardStanding(db: Database, target: AccountRow, actorId: number, losesAdmin: boolean): void {
  if (target.id === actorId) throw new DomainError('forbidden', 'an admin does not change their own role or standing', 'staffId', 'own_account');
  if (losesAdmin && target.role === 'admin' && target.active === 1 && otherActiveAdmins(db, target.id) === 0) {
    throw new DomainError('conflict', 'the terminal would have no active admin', 'staffId', 'last_admin');
  }
}

export function setRole(db: Database, id: number, role: Role, actorId: number): StaffAccount {
  const target = row(db, id);
  guardStanding(db, target, actorId, role !== 'admin');
  db.prepare('UPDATE staff SET role = ? WHERE id = ?').run(role, id);
  return account(db, id);
}

export function setActive(db: Database, id: number, active: boolean, actorId: number): StaffAccount {
  const target = row(db, id);
  guardStanding(db, target, actorId, !active);
  db.prepare('UPDATE staff SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  // An admin's enable or reset lifts a lockout of that login (main/auth/password-check.ts counts per login).
  db.prepare('DELETE FROM sign_in_failures WHERE login = ?').run(target.login);
  return account(db, id);
}

function checkRule(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError('invalid_input', `the password needs ${problem}`, field, 'password_weak');
}

/** Hashes first (slow, outside any transaction), then returns the update to run inside one. */
export async function prepareReset(db: Database, id: number, password: string): Promise<() => StaffAccount> {
  row(db, id);
  checkRule(password, 'password');
  const hash = await hashPassword(password);
  return () => {
    db.prepare('UPDATE staff SET password_hash = ?, must_change_password = 1 WHERE id = ?').run(hash, id);
    db.prepare('DELETE FROM sign_in_failures WHERE login = (SELECT login FROM staff WHERE id = ?)').run(id);
    return account(db, id);
  };
}

/**
 * Checks the new password's rule, hashes, and returns the update to run in a transaction. The current
 * password is checked by the caller through main/auth/password-check.ts, so a change is throttled like
 * every other password check.
 */
export async function prepareChange(db: Database, id: number, current: string, next: string): Promise<() => void> {
  row(db, id);
  checkRule(next, 'next');
  if (next === current) throw new DomainError('invalid_input', 'the new password is the old one', 'next', 'password_unchanged');
  const hash = await hashPassword(next);
  return () => {
    db.prepare('UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, id);
  };
}
