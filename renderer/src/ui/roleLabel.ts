import type { Role } from '../../../core/api/contract.js';
import type { Key } from '../i18n/keys.js';

/** Each role's name on screen: a new role does not compile until it has one. */
export const ROLE_LABEL: Readonly<Record<Role, Key>> = { clerk: 'roles.clerk', supervisor: 'roles.supervisor', admin: 'roles.admin' };
