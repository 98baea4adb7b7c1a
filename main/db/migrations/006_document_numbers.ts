import type { Migration } from './types.js';

/**
 * 文号 (document numbers) of decision notices (core/catalog/lookup.ts, formatDocumentNumber): one
 * sequence per issuer (a department, or the hall for a bundle across departments) and year, taken
 * in the intake's transaction like the case number, so a number exists exactly when its case does.
 * Cases taken before this version have none (their notices keep the SL-/BZ-… number).
 */
export const m006DocumentNumbers: Migration = {
  version: 6,
  name: 'document numbers',
  up(db) {
    db.exec(`
      CREATE TABLE document_counters (
        issuer   TEXT NOT NULL,
        year     INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (issuer, year)
      ) STRICT;
      ALTER TABLE cases ADD COLUMN document_no TEXT;
      CREATE UNIQUE INDEX cases_document_no ON cases (document_no) WHERE document_no IS NOT NULL;
    `);
  },
};
