import { randomUUID } from 'node:crypto';
import { commandHash } from '../../../sync/protocol/index.js';
import type { Migration } from './types.js';

/**
 * Nothing lost, nothing twice (issue 11). Every command gets a stable id (a UUID made with it) and a
 * content hash (sync/protocol/identity.ts), so the centre applies an id once whatever seq it comes
 * under, and can tell a repeat of a seq it holds from a different command under it (a store that went
 * back and on: `store_forked`). Commands queued before this version get theirs here: an id made now
 * is as stable as one made then, since nothing has sent one yet.
 *
 * The centre is the terminal's backup (main/sync/recover.ts): a store that holds fewer commands than
 * the centre applied from its terminal code (restored from a backup, a replacement machine) replays
 * the rest from it. `recover_until` is set while it does (the centre's last seq), `recover_after` is
 * how far it got; new cases are refused meanwhile (their numbers would be ones the centre has).
 *
 * The terminal is the centre's backup too: commands the centre acknowledged move from the outbox to
 * `outbox_sent` (with the replayed ones) and stay there for a retention period (setting
 * `sync_retention_days`, default 30), so a centre restored from a backup gets again what it lost.
 * `centre_database_id` and `centre_epoch` are what the centre last said it is: an epoch that changed
 * (IT restored it) makes the terminal pull from 0 and re-send what the centre lacks.
 */
export const m007Recovery: Migration = {
  version: 7,
  name: 'recovery',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN id TEXT;
      ALTER TABLE outbox ADD COLUMN hash TEXT;
      ALTER TABLE sync_state ADD COLUMN recover_after INTEGER;
      ALTER TABLE sync_state ADD COLUMN recover_until INTEGER;
      ALTER TABLE sync_state ADD COLUMN centre_database_id TEXT;
      ALTER TABLE sync_state ADD COLUMN centre_epoch INTEGER;

      -- Commands the centre acknowledged (or that were recovered from it), kept for the retention
      -- period: same seq as in the outbox (never reused), id and hash as sent (NULL: the centre had none).
      CREATE TABLE outbox_sent (
        seq        INTEGER PRIMARY KEY,
        id         TEXT UNIQUE,
        hash       TEXT,
        name       TEXT NOT NULL,
        args       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        blobs      TEXT NOT NULL DEFAULT '[]',
        acked_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_sent_acked ON outbox_sent (acked_at);
    `);
    const rows = db.prepare('SELECT seq, name, args FROM outbox').all() as { seq: number; name: string; args: string }[];
    const fill = db.prepare('UPDATE outbox SET id = ?, hash = ? WHERE seq = ?');
    for (const r of rows) fill.run(randomUUID(), commandHash(r.name, JSON.parse(r.args) as unknown), r.seq);
    db.exec(`
      CREATE UNIQUE INDEX outbox_id ON outbox (id);
      -- Every row has both from now on: enqueueCommand writes them with the command.
      CREATE TRIGGER outbox_identity BEFORE INSERT ON outbox WHEN NEW.id IS NULL OR NEW.hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'an outbox command needs its id and hash'); END;
    `);
  },
};
