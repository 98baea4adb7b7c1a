import type { Migration } from './types.js';

/** Office tokens expire and can be revoked (office-auth.ts OFFICE_TOKEN_DAYS); older tokens get 90 days from the upgrade. */
export const m002OfficeTokenExpiry: Migration = {
  version: 2,
  name: 'office tokens expire and can be revoked',
  sql: `
      ALTER TABLE office_tokens ADD COLUMN expires_at timestamptz;
      ALTER TABLE office_tokens ADD COLUMN revoked_at timestamptz;
      -- Tokens made before they could expire: 90 days from the upgrade (office-auth.ts OFFICE_TOKEN_DAYS).
      UPDATE office_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
      ALTER TABLE office_tokens ALTER COLUMN expires_at SET NOT NULL;
      ALTER TABLE office_tokens ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days';
    `,
};
