import { DomainError } from '../../core/result.js';
import type { Role } from '../../core/api/contract.js';

export interface StaffRef {
  id: number;
  login: string;
  displayName: string;
  role: Role;
}

const RANK: Record<Role, number> = { clerk: 1, supervisor: 2, admin: 3 };

/** True when `role` may do what `needed` may (admin ⊇ supervisor ⊇ clerk). */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * Who is at this terminal. One terminal has one counter and one person at it, so the session belongs to
 * the terminal (both doors see the same one), not to a browser tab.
 */
export class TerminalSession {
  staff: StaffRef | null = null;
  locked = false;
  lastActivityMs = 0;

  signIn(staff: StaffRef, nowMs: number): void {
    this.staff = staff;
    this.locked = false;
    this.lastActivityMs = nowMs;
  }

  signOut(): void {
    this.staff = null;
    this.locked = false;
  }

  /**
   * The member of staff signed in. The access gate (gate.ts) already refused anonymous calls to
   * staff handlers; this narrows the type for them, and still refuses if one is reached otherwise.
   */
  requireStaff(): StaffRef {
    if (!this.staff) throw new DomainError('unauthenticated', 'Sign in first.');
    return this.staff;
  }

  /** Locks when idle longer than the limit; returns true when this call is what locked it. */
  lockIfIdle(nowMs: number, idleLimitMs: number): boolean {
    if (!this.staff || this.locked || nowMs - this.lastActivityMs <= idleLimitMs) return false;
    this.locked = true;
    return true;
  }
}
