import { join } from 'node:path';
import { lockDataDir } from './data-lock.js';
import { migrate } from './migrate.js';
import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import type { Db } from './types.js';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** PGlite's folder (its database lives in `<dataDir>/pgdata`); omitted: in memory. */
  dataDir?: string | undefined;
}

/** Opens the engine the options name and brings its schema up to date. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl) {
    db = openPg({ connectionString: opts.databaseUrl });
  } else if (opts.dataDir !== undefined) {
    const unlock = lockDataDir(opts.dataDir);
    try {
      const lite = await openPglite(join(opts.dataDir, 'pgdata'));
      db = { ...lite, close: async () => {
        try {
          await lite.close();
        } finally {
          unlock();
        }
      } };
    } catch (err) {
      unlock();
      throw err;
    }
  } else {
    db = await openPglite();
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** Where a database URL comes from: the option, else `DATABASE_URL`. */
export function databaseUrlFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return option || env.DATABASE_URL || undefined;
}
