import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assertMigrationOrder, migrate, schemaVersion } from './migrate.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrate', () => {
  it('the shipped list is numbered 1..n without gaps', () => {
    expect(() => assertMigrationOrder(migrations)).not.toThrow();
  });

  it('rejects a mis-numbered list', () => {
    const bad: Migration[] = [{ ...migrations[0]!, version: 2 }];
    expect(() => assertMigrationOrder(bad)).toThrow(/expected 1/);
  });

  it('runs all pending migrations in one transaction: a failure leaves the file at its old version', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const before = tables(db);
    const failing: Migration[] = [
      ...migrations,
      { version: migrations.length + 1, name: 'adds a table', up: (d) => d.exec('CREATE TABLE half_done (x)') },
      {
        version: migrations.length + 2,
        name: 'fails',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db)).toEqual(before);
  });

  it('migrates to a chosen target only and returns what it applied', () => {
    const db = new Database(':memory:');
    const extra: Migration[] = [...migrations, { version: migrations.length + 1, name: 'x', up: (d) => d.exec('CREATE TABLE x_t (x)') }];
    expect(migrate(db, extra, migrations.length)).toEqual(migrations.map((m) => m.version));
    expect(migrate(db, extra)).toEqual([migrations.length + 1]);
    expect(migrate(db, extra)).toEqual([]);
  });
});
