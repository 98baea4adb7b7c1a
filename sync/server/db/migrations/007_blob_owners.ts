import type { Migration } from './types.js';

/**
 * Which terminal code sent which blob (issue 11): a terminal reads back only what it sent (and the
 * result documents of its own cases), must prove it holds a blob (by uploading it) before a command
 * of it may name one, and has a quota of bytes. Blobs already stored belong to the terminal codes
 * whose commands named them.
 */
export const m007BlobOwners: Migration = {
  version: 7,
  name: 'blob owners',
  sql: `
      CREATE TABLE blob_owners (
        sha256        text NOT NULL REFERENCES blobs (sha256),
        terminal_code text NOT NULL,
        size          bigint NOT NULL,
        stored_at     timestamptz NOT NULL,
        PRIMARY KEY (terminal_code, sha256)
      );
      CREATE INDEX blob_owners_sha256 ON blob_owners (sha256);
      INSERT INTO blob_owners (sha256, terminal_code, size, stored_at)
        SELECT DISTINCT b.sha256, t.terminal_code, b.size, b.stored_at
          FROM commands c
          JOIN terminals t ON t.id = c.terminal_id
          CROSS JOIN LATERAL jsonb_array_elements_text(c.blobs) AS h(sha256)
          JOIN blobs b ON b.sha256 = h.sha256
        ON CONFLICT DO NOTHING;
    `,
};
