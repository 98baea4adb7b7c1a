import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement compiled once per connection. Compiling costs more than running most of our
 * statements (tens of µs), and the hot paths (intake, journal, outbox, settings) run them on every call.
 */
export function stmt<R = unknown>(db: Database, sql: string): Statement<unknown[], R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s as Statement<unknown[], R>;
}
