import { z } from 'zod';
import { noInput, staffRef, type HandlerSpec } from './contract-common.js';

/** The session at this terminal: signing in and out, and the idle lock. */
export const authContract = {
  'auth.session': {
    access: 'public',
    summary: 'Who is signed in at this terminal, whether the screen is locked, and the idle time after which it locks.',
    input: noInput,
    result: z.object({
      staff: staffRef.nullable(),
      locked: z.boolean(),
      idleLockMinutes: z.number().int(),
      mustChangePassword: z.boolean().describe('An admin reset the password: nothing but staff.changePassword until a new one is chosen.'),
    }),
  },
  'auth.signIn': {
    access: 'public',
    summary: 'Signs a member of staff in (replacing whoever was signed in). Every success and failure is journaled.',
    input: z.strictObject({ login: z.string().trim().min(1).max(32), password: z.string().max(200) }),
    result: z.object({ staff: staffRef }),
  },
  'auth.unlock': {
    access: 'public',
    summary: 'Unlocks the locked screen with the signed-in staff member’s password. Journaled.',
    input: z.strictObject({ password: z.string().max(200) }),
    result: z.object({ staff: staffRef }),
  },
  'auth.lock': {
    access: 'public',
    summary: 'Locks the screen now (the renderer calls it when the terminal has been idle). Journaled.',
    input: z.strictObject({ reason: z.enum(['idle', 'manual']).default('manual') }),
    result: z.object({ locked: z.boolean() }),
  },
  'auth.activity': {
    access: 'clerk',
    summary: 'Tells the terminal the person at it is still working (typing without calling anything), so the idle lock counts from now. Refused when already locked.',
    input: noInput,
    result: z.object({ ok: z.literal(true) }),
  },
  'auth.signOut': {
    access: 'public',
    summary: 'Signs out. Journaled.',
    input: noInput,
    result: z.object({ signedOut: z.boolean() }),
  },
} as const satisfies Record<string, HandlerSpec>;

export const authEventSchemas = {
  'auth.changed': z.object({ signedIn: z.boolean(), locked: z.boolean() }),
} as const;
