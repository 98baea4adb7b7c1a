import type { Migration } from './types.js';

/**
 * Nothing lost, nothing twice (issue 11): commands carry a stable id and a content hash
 * (sync/protocol/identity.ts); a re-enrolled terminal may continue its code's seqs; a terminal that
 * sent other content under a seq the centre holds is marked forked for IT.
 */
export const m003CommandIds: Migration = {
  version: 3,
  name: 'command ids and hashes, numbering handed over, forks',
  sql: `
      -- The command's stable id and content hash. NULL for commands of terminals that sent none
      -- (older ones): those are taken as duplicates by seq, as before.
      ALTER TABLE commands ADD COLUMN id uuid;
      ALTER TABLE commands ADD COLUMN hash text;
      CREATE UNIQUE INDEX commands_id ON commands (id) WHERE id IS NOT NULL;
      -- A command whose id the centre already held under another seq: recorded, never applied.
      ALTER TABLE commands DROP CONSTRAINT commands_status_check;
      ALTER TABLE commands ADD CONSTRAINT commands_status_check CHECK (status IN ('applied', 'rejected', 'duplicate'));
      CREATE INDEX commands_seq ON commands (seq, terminal_id);
      -- The last seq handed over at enrollment (continueNumbering): seqs up to it are the predecessors'.
      ALTER TABLE terminals ADD COLUMN seq_base bigint NOT NULL DEFAULT 0;
      -- Set when the terminal sent, under a seq the centre holds, a command with other content.
      ALTER TABLE terminals ADD COLUMN forked_at timestamptz;
      ALTER TABLE terminals ADD COLUMN forked_seq bigint;
    `,
};
