import type { Migration } from './types.js';

/**
 * Who this centre is (issue 11): a database id, made once, and an epoch that IT raises after
 * restoring the database from a backup (`npm run central -- restored`). Terminals remember both; an
 * epoch that changed makes them pull from 0 and send again what the centre lacks, since a restored
 * database hands out change seqs and command seqs they have already seen.
 */
export const m004CentreIdentity: Migration = {
  version: 4,
  name: 'centre identity and epoch',
  sql: `
      CREATE TABLE central_meta (
        id          integer PRIMARY KEY CHECK (id = 1),
        database_id uuid NOT NULL,
        epoch       integer NOT NULL CHECK (epoch >= 1),
        restored_at timestamptz
      );
      INSERT INTO central_meta (id, database_id, epoch) VALUES (1, gen_random_uuid(), 1);
    `,
};
