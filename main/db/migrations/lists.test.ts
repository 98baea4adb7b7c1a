import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CASE_OUTCOMES } from '../../../core/intake/outcomes.js';
import { PAYMENT_METHODS } from '../../../core/fees/account.js';
import { NOTICE_LAYOUTS } from '../../../core/notices/kinds.js';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

/** The values a column's `CHECK (column IN (...))` allows in the migrated store. */
function checkedValues(db: Database.Database, table: string, column: string): string[] {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  const list = row ? new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(row.sql) : null;
  if (!list?.[1]) throw new Error(`no CHECK on ${table}.${column}`);
  return list[1].split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
}

// Core's lists are the source; a migration is history and cannot import them, so this holds the two together.
describe("the store's CHECK constraints and core's lists", () => {
  const db = new Database(':memory:');
  migrate(db, migrations, migrations.length);

  it('cases.outcome allows exactly CASE_OUTCOMES', () => {
    expect(checkedValues(db, 'cases', 'outcome')).toEqual([...CASE_OUTCOMES]);
  });

  it('notices.layout allows exactly NOTICE_LAYOUTS', () => {
    expect(checkedValues(db, 'notices', 'layout')).toEqual([...NOTICE_LAYOUTS]);
  });

  it('fee_entries.method allows exactly PAYMENT_METHODS, receipt_prints.layout exactly NOTICE_LAYOUTS', () => {
    expect(checkedValues(db, 'fee_entries', 'method')).toEqual([...PAYMENT_METHODS]);
    expect(checkedValues(db, 'receipt_prints', 'layout')).toEqual([...NOTICE_LAYOUTS]);
  });
});
