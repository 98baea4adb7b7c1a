import type { Migration } from './types.js';

/**
 * Case intake: the service catalog and calendar, applicants, cases with their items and materials, and the
 * per-day case-number counter. Columns are typed and indexed for what the counter searches by (case
 * number, ID number, today's list); the full submitted intake is also kept as JSON for the outbox and for
 * re-validation by the central service.
 */
export const m002Intake: Migration = {
  version: 2,
  name: 'intake',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE catalog_items (
        code                TEXT PRIMARY KEY,
        name_zh             TEXT NOT NULL,
        name_en             TEXT NOT NULL,
        department_zh       TEXT NOT NULL,
        category            TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('immediate', 'promised')),
        legal_limit_days    INTEGER NOT NULL,
        promised_limit_days INTEGER NOT NULL,
        fee_fen             INTEGER NOT NULL,
        data                TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalog_bundles (
        code    TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        data    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        data TEXT NOT NULL
      ) STRICT;

      CREATE TABLE catalog_meta (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        imported_at TEXT NOT NULL,
        source      TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        data        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE applicants (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
        id_type    TEXT NOT NULL,
        id_number  TEXT NOT NULL,
        name       TEXT NOT NULL,
        phone      TEXT,
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (id_number, id_type)
      ) STRICT;

      CREATE TABLE case_counters (
        day      TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        id                  INTEGER PRIMARY KEY,
        case_no             TEXT NOT NULL UNIQUE,
        intake_id           TEXT NOT NULL UNIQUE,
        day                 TEXT NOT NULL,
        outcome             TEXT NOT NULL CHECK (outcome IN ('accepted', 'correction', 'rejected', 'completed')),
        with_gaps           INTEGER NOT NULL DEFAULT 0 CHECK (with_gaps IN (0, 1)),
        applicant_id        INTEGER NOT NULL REFERENCES applicants (id),
        applicant_name      TEXT NOT NULL,
        applicant_id_number TEXT NOT NULL,
        bundle_code         TEXT,
        title               TEXT NOT NULL,
        staff_id            INTEGER NOT NULL REFERENCES staff (id),
        window_no           TEXT,
        received_at         TEXT NOT NULL,
        decided_at          TEXT NOT NULL,
        due_date            TEXT,
        deadline            TEXT,
        fee_fen             INTEGER NOT NULL DEFAULT 0,
        data                TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_day ON cases (day, outcome);
      CREATE INDEX cases_applicant_id_number ON cases (applicant_id_number);
      CREATE INDEX cases_applicant ON cases (applicant_id);

      CREATE TABLE case_items (
        case_id   INTEGER NOT NULL REFERENCES cases (id),
        pos       INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        PRIMARY KEY (case_id, item_code)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE case_materials (
        case_id       INTEGER NOT NULL REFERENCES cases (id),
        pos           INTEGER NOT NULL,
        entry_id      TEXT NOT NULL,
        name          TEXT NOT NULL,
        required      INTEGER NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('received', 'exempt', 'missing', 'to_correct')),
        form          TEXT,
        copies        INTEGER,
        pages         INTEGER,
        note          TEXT,
        promised_date TEXT,
        PRIMARY KEY (case_id, entry_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
