import type { Migration } from './types.js';

/**
 * The terminal's audit journal head, as sent with its last acknowledged push (issue 11): a hash chain
 * cannot show that its newest entries were removed, but the terminal compares its journal with this
 * head at every sync (`/v1/state`) and stops pushing when the entry is gone (journal_truncated).
 */
export const m005AuditHead: Migration = {
  version: 5,
  name: 'audit journal head per terminal',
  sql: `
      ALTER TABLE terminals ADD COLUMN audit_seq bigint;
      ALTER TABLE terminals ADD COLUMN audit_hash text;
      ALTER TABLE terminals ADD COLUMN audit_at timestamptz;
    `,
};
