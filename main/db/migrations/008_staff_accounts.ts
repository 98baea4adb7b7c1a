import type { Migration } from './types.js';

/**
 * Staff administration (issue 13): an account whose password an admin reset must choose its own at
 * the next sign-in. Nothing else changes; existing accounts start without that duty.
 */
export const m008StaffAccounts: Migration = {
  version: 8,
  name: 'staff_accounts',
  up(db) {
    db.exec(`ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));`);
  },
};
