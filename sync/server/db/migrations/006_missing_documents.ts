import type { Migration } from './types.js';

/**
 * A case whose material PDF was lost on its terminal and sent without it by a supervisor (issue 11):
 * which documents, by whom, when and why, for the back office to ask the applicant again.
 */
export const m006MissingDocuments: Migration = {
  version: 6,
  name: 'cases sent without a material document',
  sql: `
      ALTER TABLE cases ADD COLUMN missing_documents jsonb;
    `,
};
