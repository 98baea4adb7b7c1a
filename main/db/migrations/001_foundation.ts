import type { Migration } from './types.js';

/**
 * The first tables every later capability stands on: terminal settings, staff, the append-only audit
 * journal (a hash chain, see core/audit/chain.ts), and the outbox of business commands awaiting sync.
 */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff (
        id            INTEGER PRIMARY KEY,
        login         TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
        password_hash TEXT,
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_journal (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT,
        action    TEXT NOT NULL,
        subject   TEXT,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_journal_subject ON audit_journal (subject) WHERE subject IS NOT NULL;
      CREATE TRIGGER audit_journal_no_update BEFORE UPDATE ON audit_journal
        BEGIN SELECT RAISE(ABORT, 'audit_journal is append-only'); END;
      CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal
        BEGIN SELECT RAISE(ABORT, 'audit_journal is append-only'); END;

      -- AUTOINCREMENT: a seq is never reused, even after the newest rows are sent and removed.
      CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        args       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) STRICT;
    `);
  },
};
