import type { Change, ChangeKind } from '../protocol/index.js';
import type { Queryable } from './db/types.js';

/** Changes for every terminal (catalog, terminal keys); other scopes are a terminal's id. */
export const EVERYONE = '*';

export interface ChangeWrite {
  scope: string;
  kind: ChangeKind;
  key: string;
  /** null: a tombstone, the thing was withdrawn. */
  data: unknown;
}

/** What a committed write tells the poke hub: which scopes changed, up to which seq. */
export interface Written {
  scopes: string[];
  seq: number;
}

/**
 * Holds changes' sequence numbers in commit order. Without it, transaction A could take seq 10,
 * transaction B seq 11, B commit first and a pull at that moment move the checkpoint to 11: A's
 * change would then never be pulled. Taken right before the changes are written, as the last step
 * of a transaction, and held until commit, it makes "seq order = commit order" at the cost of
 * serialising only that last step.
 */
const CHANGES_LOCK = 7242002;

/**
 * Writes the latest state of each (scope, kind, key): a new seq from the one sequence, replacing the
 * older version. Call it LAST in the transaction (see CHANGES_LOCK). Returns what to poke after commit.
 */
export async function writeChanges(tx: Queryable, changes: readonly ChangeWrite[]): Promise<Written | null> {
  if (changes.length === 0) return null;
  // One statement cannot update a row twice: the last write of a key in this batch wins.
  const latest = new Map<string, ChangeWrite>();
  for (const c of changes) latest.set(JSON.stringify([c.scope, c.kind, c.key]), c);
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
  const rows = await tx.query<{ seq: number }>(
    `INSERT INTO changes (scope, kind, key, seq, data)
     SELECT x.scope, x.kind, x.key, nextval('change_seq'), NULLIF(x.data, 'null'::jsonb)
       FROM jsonb_to_recordset($1::jsonb) AS x(scope text, kind text, key text, data jsonb)
     ON CONFLICT (scope, kind, key) DO UPDATE SET seq = excluded.seq, data = excluded.data
     RETURNING seq`,
    [JSON.stringify([...latest.values()].map((c) => ({ ...c, data: c.data ?? null })))],
  );
  return { scopes: [...new Set(changes.map((c) => c.scope))], seq: Math.max(...rows.map((r) => r.seq)) };
}

/** One page of what a terminal sees (its own scope and everyone's) after `checkpoint`, in seq order. */
export async function pullChanges(q: Queryable, terminalId: string, checkpoint: number, limit: number): Promise<{ changes: Change[]; more: boolean }> {
  // Two index range scans (one per scope) merged, rather than one scan filtering every terminal's rows.
  const rows = await q.query<Change>(
    `SELECT seq, kind, key, data FROM (
       (SELECT seq, kind, key, data FROM changes WHERE scope = $2 AND seq > $1 ORDER BY seq LIMIT $4)
       UNION ALL
       (SELECT seq, kind, key, data FROM changes WHERE scope = $3 AND seq > $1 ORDER BY seq LIMIT $4)
     ) c ORDER BY seq LIMIT $4`,
    [checkpoint, EVERYONE, terminalId, limit + 1],
  );
  const more = rows.length > limit;
  return { changes: more ? rows.slice(0, limit) : rows, more };
}

/** The newest seq a terminal can see: the checkpoint it would reach by pulling everything. */
export async function latestSeq(q: Queryable, terminalId: string): Promise<number> {
  const [row] = await q.query<{ seq: number | null }>(
    `SELECT GREATEST((SELECT max(seq) FROM changes WHERE scope = $1), (SELECT max(seq) FROM changes WHERE scope = $2)) AS seq`,
    [EVERYONE, terminalId],
  );
  return row?.seq ?? 0;
}
