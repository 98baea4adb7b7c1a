import type { Migration } from './types.js';

/**
 * After intake (issue 14): deliveries, fee entries and 容缺 promise records as the terminals pushed
 * them. A case has at most one delivery (the primary key): the first window's applies, any other is
 * refused. Fee entries are keyed by their number, which the terminal made unique (SF-<terminal>-<day>-
 * <seq>); amounts are integer fen. Terminals are found by hall for 统一出件 (any window of a hall hands
 * over a result of that hall).
 */
export const m003AfterIntake: Migration = {
  version: 3,
  name: 'deliveries, fee entries, promise records',
  sql: `
      CREATE TABLE deliveries (
        case_no      text PRIMARY KEY,
        terminal_id  uuid NOT NULL REFERENCES terminals (id),
        seq          bigint NOT NULL,
        document_no  text NOT NULL,
        relation     text NOT NULL,
        data         jsonb NOT NULL,
        received_at  timestamptz NOT NULL
      );

      CREATE TABLE fee_entries (
        entry_no     text PRIMARY KEY,
        case_no      text NOT NULL,
        terminal_id  uuid NOT NULL REFERENCES terminals (id),
        seq          bigint NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('payment', 'refund', 'waiver')),
        amount_fen   bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 100000000),
        refund_of    text REFERENCES fee_entries (entry_no),
        data         jsonb NOT NULL,
        received_at  timestamptz NOT NULL
      );
      CREATE INDEX fee_entries_case ON fee_entries (case_no);

      CREATE TABLE promise_records (
        case_no      text NOT NULL,
        entry_id     text NOT NULL,
        state        text NOT NULL CHECK (state IN ('received', 'failed')),
        terminal_id  uuid NOT NULL REFERENCES terminals (id),
        seq          bigint NOT NULL,
        data         jsonb NOT NULL,
        received_at  timestamptz NOT NULL,
        PRIMARY KEY (case_no, entry_id)
      );
      CREATE INDEX promise_records_failed ON promise_records (received_at) WHERE state = 'failed';

      CREATE INDEX terminals_hall ON terminals (hall) WHERE revoked_at IS NULL;
    `,
};
