import type { Migration } from './types.js';

/**
 * Scanned pages. A batch is the pages scanned for one intake, keyed by the intake's id, so the pages
 * exist before the case does and survive a crash of the app (the counter continues the batch). The
 * page files are content-addressed blobs (main/blobs/store.ts), written and fsynced before a row here
 * points at them. Submitting the intake sets `case_id` and records one assembled PDF per material in
 * `case_scans`; the outbox gains the blobs each command needs on the server.
 */
export const m004Scans: Migration = {
  version: 4,
  name: 'scans',
  up(db) {
    db.exec(`
      CREATE TABLE scan_batches (
        intake_id  TEXT PRIMARY KEY,
        staff_id   INTEGER NOT NULL REFERENCES staff (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Goes up with every change to the batch or its pages: what intake submission compares (a clock can repeat).
        version    INTEGER NOT NULL DEFAULT 0,
        -- Set in the intake's transaction; NULL means the intake was never submitted (an open batch).
        case_id    INTEGER REFERENCES cases (id)
      ) STRICT;
      CREATE INDEX scan_batches_case ON scan_batches (case_id);

      CREATE TABLE scan_pages (
        id              INTEGER PRIMARY KEY,
        intake_id       TEXT NOT NULL REFERENCES scan_batches (intake_id),
        pos             INTEGER NOT NULL,
        -- The page as first stored; rotations are made from it, so turning four times loses nothing.
        original_sha256 TEXT NOT NULL,
        sha256          TEXT NOT NULL,
        thumb_sha256    TEXT NOT NULL,
        width           INTEGER NOT NULL,
        height          INTEGER NOT NULL,
        dpi             INTEGER NOT NULL,
        bytes           INTEGER NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('sane', 'escl', 'folder', 'file', 'camera')),
        source_name     TEXT,
        blank           INTEGER NOT NULL CHECK (blank IN (0, 1)),
        excluded        INTEGER NOT NULL CHECK (excluded IN (0, 1)),
        deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        rotation        INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        entry_id        TEXT,
        created_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scan_pages_batch ON scan_pages (intake_id, pos);

      CREATE TABLE case_scans (
        case_id    INTEGER NOT NULL REFERENCES cases (id),
        entry_id   TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        pages      INTEGER NOT NULL CHECK (pages > 0),
        bytes      INTEGER NOT NULL,
        PRIMARY KEY (case_id, entry_id)
      ) STRICT;

      -- Blobs (SHA-256 hex, JSON array) the central service must hold before it can apply the command.
      ALTER TABLE outbox ADD COLUMN blobs TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
