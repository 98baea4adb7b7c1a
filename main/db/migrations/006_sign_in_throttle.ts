import type { Migration } from './types.js';

/**
 * Wrong passwords per login, for the lockout with back-off (main/auth/throttle.ts). Keyed by the
 * login as typed (lowercased), whether or not such a member of staff exists, so a lockout says
 * nothing about which logins exist. It replaces `staff.failed_sign_ins`, which was written and
 * never read.
 */
export const m006SignInThrottle: Migration = {
  version: 6,
  name: 'sign-in throttle',
  up(db) {
    db.exec(`
      CREATE TABLE sign_in_failures (
        login        TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL CHECK (failures > 0),
        -- ISO instant until which every password check for this login is refused; NULL before the first lockout.
        locked_until TEXT
      ) STRICT;

      ALTER TABLE staff DROP COLUMN failed_sign_ins;
    `);
  },
};
