import type { Db } from './types.js';

/**
 * The schema, as a list of numbered steps that only grows. Each step runs once, in one transaction
 * with its row in `schema_migrations`; all pending steps run at start-up in ONE transaction, so a
 * failed upgrade leaves the database as it was. A database newer than this code is refused, never
 * silently used: an old service would misread tables it does not know.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'terminals, commands, cases, changes, catalogs, blobs',
    sql: `
      CREATE TABLE enrollment_codes (
        code_sha256   text PRIMARY KEY,
        terminal_code text NOT NULL,
        window_no     text,
        hall          text,
        district      text,
        created_at    timestamptz NOT NULL,
        expires_at    timestamptz NOT NULL,
        used_at       timestamptz,
        terminal_id   uuid
      );

      CREATE TABLE terminals (
        id            uuid PRIMARY KEY,
        terminal_code text NOT NULL,
        window_no     text,
        hall          text,
        district      text,
        label         text NOT NULL,
        public_key    text NOT NULL,
        secret_sha256 text NOT NULL,
        -- The last command applied or rejected: the exactly-once, in-order guard of push.
        last_seq      bigint NOT NULL DEFAULT 0,
        enrolled_at   timestamptz NOT NULL,
        revoked_at    timestamptz
      );
      -- One live terminal per case-number prefix; a revoked one may be replaced.
      CREATE UNIQUE INDEX terminals_live_code ON terminals (terminal_code) WHERE revoked_at IS NULL;

      CREATE TABLE office_tokens (
        token_sha256 text PRIMARY KEY,
        label        text NOT NULL,
        created_at   timestamptz NOT NULL
      );

      -- Every command that was applied or rejected, as it arrived: the centre's journal of intents.
      -- args is NULL for an applied intake: its args are the case's data (cases.data), not kept twice.
      CREATE TABLE commands (
        terminal_id uuid NOT NULL REFERENCES terminals (id),
        seq         bigint NOT NULL,
        name        text NOT NULL,
        status      text NOT NULL CHECK (status IN ('applied', 'rejected')),
        code        text,
        reason      text,
        case_no     text,
        args        jsonb,
        blobs       jsonb NOT NULL,
        created_at  text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (terminal_id, seq)
      );

      CREATE TABLE catalogs (
        id              bigserial PRIMARY KEY,
        catalog_version text NOT NULL,
        sha256          text NOT NULL,
        data            jsonb NOT NULL,
        published_at    timestamptz NOT NULL,
        published_by    text NOT NULL
      );

      CREATE TABLE cases (
        case_no         text PRIMARY KEY,
        terminal_id     uuid NOT NULL REFERENCES terminals (id),
        terminal_code   text NOT NULL,
        intake_id       uuid NOT NULL UNIQUE,
        day             date NOT NULL,
        outcome         text NOT NULL,
        -- The back office's progress; only accepted cases have one.
        status          text,
        decision        text,
        note            text,
        result_document jsonb,
        -- false: no catalog was published when it arrived, so it was stored without re-planning.
        checked         boolean NOT NULL,
        catalog_version text,
        data            jsonb NOT NULL,
        received_at     timestamptz NOT NULL,
        status_at       timestamptz,
        status_by       text
      );
      CREATE INDEX cases_code_status ON cases (terminal_code, status, received_at);
      CREATE INDEX cases_status ON cases (status, received_at);
      CREATE INDEX commands_case ON commands (case_no) WHERE case_no IS NOT NULL;

      CREATE TABLE case_events (
        id              bigserial PRIMARY KEY,
        case_no         text NOT NULL,
        status          text NOT NULL,
        decision        text,
        note            text,
        result_document jsonb,
        at              timestamptz NOT NULL,
        by              text NOT NULL
      );
      CREATE INDEX case_events_case ON case_events (case_no, id);

      CREATE TABLE notices (
        id          bigserial PRIMARY KEY,
        case_no     text NOT NULL,
        terminal_id uuid NOT NULL,
        seq         bigint NOT NULL,
        action      text NOT NULL CHECK (action IN ('print', 'void')),
        document_no text,
        print_no    integer,
        data        jsonb NOT NULL,
        received_at timestamptz NOT NULL
      );
      CREATE INDEX notices_case ON notices (case_no, id);

      -- What terminals pull: the latest version of each (scope, kind, key), data NULL = tombstone.
      -- scope is '*' (everyone) or a terminal id.
      CREATE SEQUENCE change_seq;
      CREATE TABLE changes (
        scope text NOT NULL,
        kind  text NOT NULL,
        key   text NOT NULL,
        seq   bigint NOT NULL,
        data  jsonb,
        PRIMARY KEY (scope, kind, key)
      );
      CREATE UNIQUE INDEX changes_scope_seq ON changes (scope, seq);

      CREATE TABLE blobs (
        sha256    text PRIMARY KEY,
        size      bigint NOT NULL,
        stored_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'office tokens expire and can be revoked',
    sql: `
      ALTER TABLE office_tokens ADD COLUMN expires_at timestamptz;
      ALTER TABLE office_tokens ADD COLUMN revoked_at timestamptz;
      -- Tokens made before they could expire: 90 days from the upgrade (office-auth.ts OFFICE_TOKEN_DAYS).
      UPDATE office_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
      ALTER TABLE office_tokens ALTER COLUMN expires_at SET NOT NULL;
      ALTER TABLE office_tokens ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days';
    `,
  },
];

/** Applies the pending migrations; returns the versions it ran. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  for (let i = 1; i < migrations.length; i += 1) {
    if ((migrations[i]?.version ?? 0) <= (migrations[i - 1]?.version ?? 0)) throw new Error('migration versions must increase');
  }
  return db.transaction(async (tx) => {
    // Two instances starting at once against one PostgreSQL: the second waits, then finds nothing to do.
    await tx.query('SELECT pg_advisory_xact_lock(7242001)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const have = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...have);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(`the database is at schema version ${newest}, newer than this service knows (${known}); run a newer central service`);
    }
    const ran: number[] = [];
    for (const m of migrations) {
      if (have.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      ran.push(m.version);
    }
    return ran;
  });
}
