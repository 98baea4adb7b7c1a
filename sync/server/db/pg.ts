import pg from 'pg';
import type { Db, Queryable } from './types.js';

const INT8_OID = 20;

/**
 * `bigint` as a JS number, the way PGlite returns it, so both engines hand the code the same types.
 * Set on this pool only (not on pg's global type table), so nothing else in the process is affected.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PgOptions {
  connectionString: string;
  /** Connections in the pool; one push holds one for its transaction. */
  max?: number;
}

/** PostgreSQL through a `pg` pool: the production engine. */
export function openPg(opts: PgOptions): Db {
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10, types });
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // replaces it and the next query reports any real outage as an error.
  pool.on('error', () => undefined);
  const run = async <R>(q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<R[]> =>
    (await q.query(sql, params as unknown[] | undefined)).rows as R[];
  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => run(client, sql, params), exec: async (sql) => void (await client.query(sql)) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself failed: do not give it back to the pool
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
