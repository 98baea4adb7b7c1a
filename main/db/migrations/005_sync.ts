import type { Migration } from './types.js';

/**
 * Sync with the central service (main/sync): the enrollment and progress of this terminal, and what
 * the centre sends down. The outbox is untouched: commands queued before this version are pushed
 * like any other once the terminal is enrolled.
 *
 * `seq_offset` maps outbox seqs to the protocol's: the server expects 1, 2, 3 … per terminal, while
 * the outbox's AUTOINCREMENT seqs (contiguous, never reused) may have started before enrollment. It is
 * fixed at enrollment (main/sync/enrollment.ts): protocol seq = outbox seq − seq_offset.
 */
export const m005Sync: Migration = {
  version: 5,
  name: 'sync',
  up(db) {
    db.exec(`
      -- One row once enrolled. The credential is the bearer secret for the central service.
      CREATE TABLE sync_state (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        server_url         TEXT NOT NULL,
        terminal_id        TEXT NOT NULL,
        terminal_code      TEXT NOT NULL,
        credential         TEXT NOT NULL,
        seq_offset         INTEGER NOT NULL CHECK (seq_offset >= 0),
        enrolled_at        TEXT NOT NULL,
        -- The highest server change seq applied (pull), committed with the changes themselves.
        checkpoint         INTEGER NOT NULL DEFAULT 0 CHECK (checkpoint >= 0),
        -- The server's lastSeq after the last push that got an answer.
        acked_seq          INTEGER NOT NULL DEFAULT 0,
        -- Times of this terminal's clock: shown to people, never used to order anything.
        last_push_at       TEXT,
        last_pull_at       TEXT,
        last_sync_at       TEXT,
        last_error_code    TEXT,
        last_error_message TEXT,
        last_error_at      TEXT,
        -- 1: the last error needs a person (revoked, upgrade required, seq gap …); sync waits for them.
        needs_attention    INTEGER NOT NULL DEFAULT 0 CHECK (needs_attention IN (0, 1))
      ) STRICT;

      -- The back office's progress on this terminal's cases (change kind case_status), latest only.
      CREATE TABLE central_case_status (
        case_no         TEXT PRIMARY KEY,
        status          TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'decided', 'ready_for_delivery', 'delivered')),
        decision        TEXT CHECK (decision IN ('approved', 'not_approved')),
        note            TEXT,
        -- JSON {name, sha256} of the result document, when the office attached one.
        result_document TEXT,
        at              TEXT NOT NULL,
        by              TEXT NOT NULL,
        change_seq      INTEGER NOT NULL
      ) STRICT;

      -- Commands the centre refused for a business reason. Keyed by the outbox seq, which is never
      -- reused, so a re-enrolled terminal (whose protocol seqs start again at 1) keeps its history.
      CREATE TABLE sync_rejections (
        outbox_seq  INTEGER PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        name        TEXT NOT NULL,
        case_no     TEXT,
        code        TEXT NOT NULL,
        reason      TEXT NOT NULL,
        at          TEXT NOT NULL,
        handled_at  TEXT,
        handled_by  TEXT
      ) STRICT;
      CREATE INDEX sync_rejections_open ON sync_rejections (outbox_seq) WHERE handled_at IS NULL;
      CREATE INDEX sync_rejections_case ON sync_rejections (case_no) WHERE case_no IS NOT NULL;

      -- Every terminal's notice-signing key (change kind terminal_key), to verify any window's QR codes
      -- offline. (terminal_keys, from version 3, is this terminal's own key pair.)
      CREATE TABLE known_terminal_keys (
        terminal_code TEXT PRIMARY KEY,
        public_key    TEXT NOT NULL,
        revoked_at    TEXT,
        change_seq    INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
