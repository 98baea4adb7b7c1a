import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/types.js';
import type { Db } from './types.js';

/**
 * The schema, as a list of numbered steps that only grows. Each step runs once, in one transaction
 * with its row in `schema_migrations`; all pending steps run at start-up in ONE transaction, so a
 * failed upgrade leaves the database as it was. A database newer than this code is refused, never
 * silently used: an old service would misread tables it does not know.
 *
 * Applies the pending migrations; returns the versions it ran.
 */
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
