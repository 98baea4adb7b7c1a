/**
 * `npm run backup -- --data DIR --to FILE`: IT's backup of a terminal's store, safe while the app runs.
 *
 * A file copy of the data folder taken while the app writes can be torn (pages from different moments)
 * or miss the -wal that holds the latest cases; the app refuses such a copy when it opens it. This goes
 * through SQLite's online backup API instead (main/db/backup.ts): one consistent moment of the store,
 * checked with quick_check, as one self-contained file. It only reads the store, so it does not take the
 * data folder's lock and works beside the running desktop app or host.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../core/result.js';
import { STORE_FILE_NAME } from '../main/app-context.js';
import { backupStore } from '../main/db/backup.js';
import { defaultDataDir } from '../main/paths.js';

const USAGE = `Usage: npm run backup -- --to FILE [--data DIR]

  --to    the backup file to write (must not exist yet)
  --data  the terminal's data folder (default ${defaultDataDir()})`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.to) {
    console.error(`--to is required.\n\n${USAGE}`);
    return 2;
  }
  const store = join(resolve(values.data ?? defaultDataDir()), STORE_FILE_NAME);
  if (!existsSync(store)) {
    console.error(`There is no store at ${store}.`);
    return 2;
  }
  const db = new Database(store, { fileMustExist: true });
  try {
    // Copied in one step: the app's writes wait on nothing (WAL), and nothing restarts the copy half-way.
    const r = await backupStore(db, store, values.to, { pagesPerStep: 0x7fffffff });
    console.log(`backup of ${store} written to ${r.file}: ${r.pages} pages, ${r.bytes} bytes, quick_check ${r.check}`);
    return 0;
  } catch (err) {
    console.error(`The backup failed: ${err instanceof DomainError ? err.message : String(err)}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
