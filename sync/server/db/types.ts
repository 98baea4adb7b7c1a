/**
 * The database as the central service sees it: SQL in, rows out, and transactions. Two engines
 * implement it with the same SQL (PostgreSQL through `pg`, and PGlite, PostgreSQL compiled to
 * WebAssembly), so nothing above this file knows which one it runs on.
 *
 * Both return `bigint` columns as JS numbers (ids and sequence numbers stay far below 2^53),
 * `jsonb` as parsed values and `timestamptz` as `Date`.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements separated by `;`, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (the error
   * is rethrown). Everything `fn` does must go through the `tx` it is given.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An ISO-8601 UTC string from what a driver returns for `timestamptz` (a Date) or a string. */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoOf(value);
}
