import { z } from 'zod';
import { login, noInput, ROLES, staffRef, type HandlerSpec } from './contract-common.js';

/** What a new password travels as; its rule (length, letters and digits) is main/auth/password.ts's. */
const password = z.string().max(200);
const displayName = z.string().trim().min(1).max(50);
const staffId = z.number().int().positive();

/** A staff account as the admin's list shows it: also disabled ones, and who still has to choose a password. */
export const staffAccount = staffRef.extend({ active: z.boolean(), mustChangePassword: z.boolean(), createdAt: z.string() });

/** Staff accounts of this terminal. */
export const staffContract = {
  'staff.list': {
    access: 'supervisor',
    summary: 'Active staff accounts.',
    input: noInput,
    result: z.array(staffRef),
  },
  'staff.create': {
    access: 'admin',
    summary: 'Creates a staff account with a role. Journaled (never the password).',
    input: z.strictObject({ login, displayName, role: z.enum(ROLES), password, mustChangePassword: z.boolean().default(false) }),
    result: staffRef,
  },
  'staff.accounts': {
    access: 'admin',
    summary: 'Every staff account, disabled ones too, with whether each must choose a new password at its next sign-in.',
    input: noInput,
    result: z.array(staffAccount),
  },
  'staff.setRole': {
    access: 'admin',
    summary: 'Changes an account’s role. The last active admin cannot lose the role, nor can admins change their own. Journaled.',
    input: z.strictObject({ staffId, role: z.enum(ROLES) }),
    result: staffAccount,
  },
  'staff.setActive': {
    access: 'admin',
    summary: 'Disables or enables an account (a disabled one cannot sign in; its history stays). Not one’s own, nor the last active admin. Journaled.',
    input: z.strictObject({ staffId, active: z.boolean() }),
    result: staffAccount,
  },
  'staff.resetPassword': {
    access: 'admin',
    summary: 'Sets a temporary password the account must change at its next sign-in. Journaled (never the password).',
    input: z.strictObject({ staffId, password }),
    result: staffAccount,
  },
  'staff.changePassword': {
    access: 'clerk',
    summary: 'The signed-in member of staff changes their own password (the current one first). The one handler allowed while a reset password waits to be changed. Journaled.',
    input: z.strictObject({ current: password, next: password }),
    result: z.object({ changed: z.literal(true) }),
  },
} as const satisfies Record<string, HandlerSpec>;
