import type { Migration } from './types.js';

/**
 * After intake (issue 14): handing results over (出件), fees at the counter, the 补正 and 容缺 lifecycles,
 * and the case's timeline from the centre.
 *
 * - `deliveries`: one per case (UNIQUE case_no). Keyed by case number, not case id, because a window
 *   may hand over the result of a case another window of its hall took (`case_id` NULL then).
 *   `delivery_id` is the counter's id for the delivery, also the key of the scan batch the power of
 *   attorney is scanned into.
 * - `fee_entries`: payments, refunds and waivers, amounts in integer fen (> 0, ≤ ¥1,000,000, checked
 *   here too). `entry_no` (SF-<terminal>-<day>-<seq>, from `fee_counters` in the same transaction)
 *   is unique without asking anyone, like case numbers.
 * - `receipt_prints`: every print of a 领取回执 or a payment slip, by document number.
 * - `promise_records`: a 容缺 material that came (received, its scan) or a promise closed as failed.
 *   The case's materials keep what the intake recorded, so a reprint of its notice prints the same page.
 * - `resubmissions`: a correction case closed by the intake that brought its corrections.
 * - `central_case_status.history`: every step the back office made, as the centre sends it (JSON
 *   [{status, at, by}]); `.hall_case`: what delivering a case of another window needs (JSON);
 *   `.delivery`: where and by whom the result was handed over, at whichever window (JSON);
 *   `.settled_elsewhere_fen`: the case's fee settled at other windows, as the centre last said;
 *   `.applicant_name`, `.applicant_id`, `.item_codes`: what the work list searches, copied when pulled.
 */
export const m007AfterIntake: Migration = {
  version: 7,
  name: 'after intake',
  up(db) {
    db.exec(`
      ALTER TABLE central_case_status ADD COLUMN history TEXT;
      ALTER TABLE central_case_status ADD COLUMN hall_case TEXT;
      ALTER TABLE central_case_status ADD COLUMN delivery TEXT;
      ALTER TABLE central_case_status ADD COLUMN settled_elsewhere_fen INTEGER NOT NULL DEFAULT 0 CHECK (settled_elsewhere_fen >= 0);
      -- The delivery work list: ready cases, oldest first, with what it is searched by (the applicant's
      -- name and ID number, the items as |code|code|), so a search reads this index and nothing else.
      ALTER TABLE central_case_status ADD COLUMN applicant_name TEXT;
      ALTER TABLE central_case_status ADD COLUMN applicant_id TEXT;
      ALTER TABLE central_case_status ADD COLUMN item_codes TEXT;
      CREATE INDEX central_case_status_ready ON central_case_status (at, case_no, applicant_name, applicant_id, item_codes) WHERE status = 'ready_for_delivery';

      CREATE TABLE deliveries (
        id                  INTEGER PRIMARY KEY,
        case_no             TEXT NOT NULL UNIQUE,
        case_id             INTEGER REFERENCES cases (id),
        delivery_id         TEXT NOT NULL UNIQUE,
        document_no         TEXT NOT NULL UNIQUE,
        relation            TEXT NOT NULL CHECK (relation IN ('self', 'legalRep', 'agent', 'post')),
        collector_name      TEXT NOT NULL,
        collector_id_type   TEXT,
        collector_id_number TEXT,
        id_read             INTEGER NOT NULL DEFAULT 0 CHECK (id_read IN (0, 1)),
        id_matches          INTEGER NOT NULL CHECK (id_matches IN (0, 1)),
        override_by         TEXT,
        override_reason     TEXT,
        courier             TEXT,
        tracking_no         TEXT,
        post_address        TEXT,
        -- JSON [{id, name, kind}]: what was handed over.
        handed_over         TEXT NOT NULL,
        -- The scanned 授权委托书 (an assembled PDF blob), for an agent.
        power_of_attorney   TEXT,
        delivered_at        TEXT NOT NULL,
        day                 TEXT NOT NULL,
        staff_id            INTEGER NOT NULL REFERENCES staff (id),
        CHECK (id_matches = 1 OR override_by IS NOT NULL),
        CHECK (relation <> 'agent' OR power_of_attorney IS NOT NULL),
        CHECK (relation <> 'post' OR (courier IS NOT NULL AND tracking_no IS NOT NULL AND post_address IS NOT NULL))
      ) STRICT;
      CREATE INDEX deliveries_day ON deliveries (day, staff_id);

      CREATE TABLE fee_counters (
        day      TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE fee_entries (
        id           INTEGER PRIMARY KEY,
        entry_no     TEXT NOT NULL UNIQUE,
        case_no      TEXT NOT NULL,
        case_id      INTEGER REFERENCES cases (id),
        kind         TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'waiver')),
        stage        TEXT CHECK (stage IN ('intake', 'delivery')),
        method       TEXT CHECK (method IN ('cash', 'card', 'qr', 'payment_code')),
        amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 100000000),
        tendered_fen INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen),
        change_fen   INTEGER CHECK (change_fen IS NULL OR change_fen >= 0),
        reference    TEXT,
        bill_no      TEXT,
        refund_of    TEXT REFERENCES fee_entries (entry_no),
        supervisor   TEXT,
        reason       TEXT,
        at           TEXT NOT NULL,
        day          TEXT NOT NULL,
        staff_id     INTEGER NOT NULL REFERENCES staff (id),
        CHECK ((kind = 'waiver') = (method IS NULL)),
        CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
        CHECK (kind = 'payment' OR (supervisor IS NOT NULL AND reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX fee_entries_case ON fee_entries (case_no, id);
      CREATE INDEX fee_entries_day ON fee_entries (day, staff_id);

      CREATE TABLE receipt_prints (
        id          INTEGER PRIMARY KEY,
        document_no TEXT NOT NULL,
        case_no     TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('delivery', 'payment')),
        print_no    INTEGER NOT NULL CHECK (print_no >= 0),
        layout      TEXT NOT NULL CHECK (layout IN ('a4', 'receipt')),
        language    TEXT NOT NULL,
        printer     TEXT NOT NULL,
        job_id      TEXT,
        printed_at  TEXT NOT NULL,
        staff_id    INTEGER NOT NULL REFERENCES staff (id),
        UNIQUE (document_no, print_no)
      ) STRICT;

      CREATE TABLE promise_records (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases (id),
        entry_id   TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('received', 'failed')),
        -- The counter's id for the record, also the key of the scan batch its pages went into.
        record_id  TEXT NOT NULL UNIQUE,
        pages      INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
        pdf_sha256 TEXT,
        reason     TEXT,
        at         TEXT NOT NULL,
        staff_id   INTEGER NOT NULL REFERENCES staff (id),
        UNIQUE (case_id, entry_id),
        CHECK (state <> 'failed' OR reason IS NOT NULL)
      ) STRICT;
      -- Promised materials by their date: the lists of promises due soon and overdue.
      CREATE INDEX case_materials_promised ON case_materials (promised_date) WHERE status = 'missing' AND promised_date IS NOT NULL;

      CREATE TABLE resubmissions (
        original_case_id INTEGER PRIMARY KEY REFERENCES cases (id),
        case_id          INTEGER NOT NULL UNIQUE REFERENCES cases (id),
        at               TEXT NOT NULL
      ) STRICT;
      -- Corrections by their deadline: awaiting return and overdue.
      CREATE INDEX cases_correction_deadline ON cases (deadline) WHERE outcome = 'correction';
    `);
  },
};
