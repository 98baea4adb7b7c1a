import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { migrate } from '../db/migrate.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { openDb } from '../db/open.js';
import { openPglite } from '../db/pglite.js';
import type { Db } from '../db/types.js';

/**
 * The engines the server's tests run on: PGlite always; a real PostgreSQL when OW_TEST_DATABASE_URL
 * is set (scripts/start-postgres.sh prints one). Each `open()` gives a database of its own (a fresh
 * PostgreSQL database, dropped at close), so test files running in parallel never share state.
 * OW_REQUIRE_POSTGRES=1 without a URL is a configuration error: CI must not silently skip PostgreSQL.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database; `dataDir` (PGlite only) persists it in a folder. */
  open(opts?: { dataDir?: string }): Promise<Db>;
}

/** PGlite's version, from its package.json (the package does not export that path). */
const PGLITE_VERSION = (JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;

const url = process.env.OW_TEST_DATABASE_URL;
if (process.env.OW_REQUIRE_POSTGRES === '1' && !url) {
  throw new Error('OW_REQUIRE_POSTGRES=1 but OW_TEST_DATABASE_URL is not set: start one with  export OW_TEST_DATABASE_URL=$(bash scripts/start-postgres.sh)');
}

/**
 * A migrated, empty PGlite database as a tarball in the temp folder, made once per schema: loading it
 * takes ~0.4 s where initdb takes ~2 s, which is most of a test file's time. Named after the schema
 * and the PGlite version, so a new migration or engine makes a new one.
 */
async function pgliteTemplate(): Promise<Blob> {
  const key = createHash('sha256').update(JSON.stringify(MIGRATIONS)).update(PGLITE_VERSION).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `ow-central-pglite-template-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await openPglite();
  try {
    await migrate(db);
    const dump = await db.dump();
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, Buffer.from(await dump.arrayBuffer()));
    renameSync(part, file); // atomic: a parallel test file reads a whole template or none
    return dump;
  } finally {
    await db.close();
  }
}

const pglite: Backend = {
  name: 'pglite',
  async open(opts = {}) {
    if (opts.dataDir !== undefined) return openDb({ dataDir: opts.dataDir });
    const db = await openPglite(undefined, { loadDataDir: await pgliteTemplate() });
    await migrate(db);
    return db;
  },
};

function withDatabase(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the test server: its URL, and how to drop it. */
export async function freshPostgresDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ow_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  return { url: withDatabase(admin, name), drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const postgres = (admin: string): Backend => ({
  name: 'postgres',
  async open() {
    const fresh = await freshPostgresDatabase(admin);
    const db = await openDb({ databaseUrl: fresh.url });
    return {
      ...db,
      async close() {
        await db.close();
        await fresh.drop();
      },
    };
  },
});

export const BACKENDS: Backend[] = url ? [pglite, postgres(url)] : [pglite];
/** The test server's URL, when there is one. */
export const TEST_DATABASE_URL: string | undefined = url;

/**
 * Copies every row of `from` into `to` (both migrated to the same schema), sequences included: a
 * backup taken, or restored, as pg_dump and pg_restore would, on either engine. `to`'s own rows (a
 * fresh database's central_meta) are replaced. Terminals first: other tables refer to them.
 */
export async function copyDatabase(from: Db, to: Db): Promise<void> {
  const tables = (await from.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'")).map((r) => r.name);
  tables.sort((a, b) => (a === 'terminals' ? -1 : b === 'terminals' ? 1 : a.localeCompare(b)));
  const sequences = await from.query<{ name: string; last: number | null }>("SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public'");
  await to.transaction(async (tx) => {
    for (const t of [...tables].reverse()) await tx.query(`DELETE FROM ${t}`);
    for (const t of tables) {
      const [{ rows }] = (await from.query<{ rows: unknown[] }>(`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM ${t} t`)) as [{ rows: unknown[] }];
      if (rows.length > 0) await tx.query(`INSERT INTO ${t} SELECT * FROM json_populate_recordset(NULL::${t}, $1::json)`, [JSON.stringify(rows)]);
    }
    for (const s of sequences) {
      if (s.last === null) await tx.query('SELECT setval($1, 1, false)', [s.name]);
      else await tx.query('SELECT setval($1, $2, true)', [s.name, s.last]);
    }
  });
}
