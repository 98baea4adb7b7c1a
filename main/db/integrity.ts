import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';

/**
 * What opening an existing store checks before it sets a pragma or writes a byte (open.ts):
 *
 * - `PRAGMA quick_check`: a copy of the file taken while the app was writing it (a backup tool copying
 *   the folder) can hold pages from different moments. SQLite opens such a file happily and fails later,
 *   at the first query that meets a bad page (sign-in, as `internal`). quick_check reads every page and
 *   b-tree once (about a second per few hundred MB; it skips only the index-content comparison of
 *   integrity_check), so a torn copy is refused at the door, with its name, instead.
 * - A file with a SQLite header but no tables and no -wal beside it: the shape of a copy taken of a store
 *   in use before its first checkpoint (the schema and every case were still in the -wal, which the copy
 *   left out). Opened, it would look like a new terminal and number cases from 1 again, colliding with the
 *   real store's. The app creates a store from nothing (no file, or 0 bytes) and migrates it in the same
 *   start, so it never leaves this shape behind itself except in a crash within the first milliseconds of
 *   a first start; the message says what to do in that case.
 */
export function checkIntegrity(db: Database, file: string, opts: { walExisted: boolean }): void {
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (tables === 0 && !opts.walExisted) {
    throw new StoreError(
      'store_corrupt',
      file,
      `The local store ${file} has a SQLite header but no tables, and there is no ${file}-wal beside it. ` +
        'This is what a copy of a store in use looks like when its -wal file was not copied with it: the cases are ' +
        'in that -wal file. It has been left exactly as it is. Copy the store together with its -wal file, or ' +
        'better restore a backup made with "npm run backup" (or the app\'s store.backup). If this terminal was never ' +
        'set up and the file is new, delete it and start again.',
    );
  }
  const verdict = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const problems = verdict.map((r) => r.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) {
    throw new StoreError(
      'store_corrupt',
      file,
      `The local store ${file} is damaged: SQLite's quick_check found ${problems.length === 5 ? 'at least 5 problems' : `${problems.length} problem(s)`}, ` +
        `the first: ${problems[0]}. A copy taken while the app was running (a file backup of the folder) can be torn like this. ` +
        'It has been left exactly as it is. Keep it for IT, and restore a backup made with "npm run backup" ' +
        '(or the app\'s store.backup), which are consistent.',
    );
  }
}
