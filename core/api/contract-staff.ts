import { z } from 'zod';
import { login, noInput, ROLES, staffRef, type HandlerSpec } from './contract-common.js';

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
    input: z.strictObject({ login, displayName: z.string().trim().min(1).max(50), role: z.enum(ROLES), password: z.string().max(200) }),
    result: staffRef,
  },
} as const satisfies Record<string, HandlerSpec>;
