import { createHash, timingSafeEqual } from 'node:crypto';
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
 * Who signed in: the door, and on the host door the browser (its session cookie, main/host/cookie.ts).
 * The Electron window is the app's own; any page on the machine can reach the host, so there the
 * session is the browser's that signed in, not "whoever calls 127.0.0.1".
 */
export interface Caller {
  door: 'electron' | 'host';
  /** The host door's session cookie value as sent with the call (undefined without one). */
  caller?: string;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Who is at this terminal. One terminal has one counter and one person at it, so there is one session
 * per terminal (a new sign-in replaces it), held by whoever signed in: the Electron window, or on the
 * host door the browser that signed in.
 */
export class TerminalSession {
  staff: StaffRef | null = null;
  locked = false;
  lastActivityMs = 0;
  /** Only a digest of the host caller's cookie is kept, compared in constant time. */
  private holder: { door: Caller['door']; caller: Buffer | null } | null = null;

  signIn(staff: StaffRef, nowMs: number, by: Caller): void {
    this.staff = staff;
    this.locked = false;
    this.lastActivityMs = nowMs;
    this.holder = { door: by.door, caller: by.caller === undefined ? null : digest(by.caller) };
  }

  signOut(): void {
    this.staff = null;
    this.locked = false;
    this.holder = null;
  }

  /**
   * Whether this call comes from whoever holds the session. The Electron door is the app's own window
   * and always does; on the host door only the browser that signed in (same cookie) does.
   */
  heldBy(by: Caller): boolean {
    if (by.door === 'electron') return true;
    const h = this.holder;
    if (!this.staff || h?.door !== 'host') return false;
    if (h.caller === null || by.caller === undefined) return h.caller === null && by.caller === undefined;
    return timingSafeEqual(h.caller, digest(by.caller));
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
