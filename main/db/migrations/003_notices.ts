import type { Migration } from './types.js';

/**
 * Printed notices and the terminal's signing key. Every print, reprint and void is a row here plus an
 * audit entry and an outbox command; a failed print leaves only its audit entry.
 */
export const m003Notices: Migration = {
  version: 3,
  name: 'notices',
  up(db) {
    db.exec(`
      -- The Ed25519 key that signs the QR code on this terminal's notices. The seed never leaves the store.
      CREATE TABLE terminal_keys (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        public_key  TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE notices (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER NOT NULL REFERENCES cases (id),
        kind        TEXT NOT NULL,
        document_no TEXT NOT NULL,
        print_no    INTEGER NOT NULL CHECK (print_no >= 0),
        layout      TEXT NOT NULL CHECK (layout IN ('a4', 'receipt')),
        language    TEXT NOT NULL,
        printer     TEXT NOT NULL,
        job_id      TEXT,
        printed_at  TEXT NOT NULL,
        staff_id    INTEGER NOT NULL REFERENCES staff (id),
        voided_at   TEXT,
        voided_by   TEXT,
        void_reason TEXT,
        UNIQUE (case_id, kind, print_no)
      ) STRICT;
    `);
  },
};
