import type { RecoverResponse } from '../protocol/index.js';
import type { Queryable } from './db/types.js';
import type { AuthedTerminal } from './terminals.js';

interface Row {
  seq: number;
  id: string | null;
  hash: string | null;
  name: string;
  status: 'applied' | 'rejected' | 'duplicate';
  code: string | null;
  reason: string | null;
  args: Record<string, unknown> | null;
  blobs: string[];
  created_at: string;
}

/**
 * A page of this terminal code's commands after `afterSeq`, for a store that lost them (sync/README.md,
 * "Recovery"). For each seq up to the terminal's last one, the command of the newest terminal of the
 * code that has it (the terminal's own, else the predecessor it took the seqs over from), with its
 * args: an applied intake's are the case's data, where push.ts keeps them.
 */
export async function recoverCommands(q: Queryable, terminal: AuthedTerminal, afterSeq: number, limit: number): Promise<RecoverResponse> {
  const [me] = await q.query<{ last_seq: number }>('SELECT last_seq FROM terminals WHERE id = $1', [terminal.id]);
  const lastSeq = Number(me?.last_seq ?? 0);
  const rows = await q.query<Row>(
    `SELECT DISTINCT ON (c.seq) c.seq, c.id::text AS id, c.hash, c.name, c.status, c.code, c.reason, coalesce(c.args, k.data) AS args, c.blobs, c.created_at
       FROM commands c
       JOIN terminals t ON t.id = c.terminal_id
       LEFT JOIN cases k ON c.args IS NULL AND c.status = 'applied' AND k.case_no = c.case_no
      WHERE t.terminal_code = $1 AND c.seq > $2 AND c.seq <= $3
      ORDER BY c.seq, (c.terminal_id = $4::uuid) DESC, t.enrolled_at DESC
      LIMIT $5`,
    [terminal.terminalCode, afterSeq, lastSeq, terminal.id, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    commands: page.map((r) => ({ seq: Number(r.seq), id: r.id, hash: r.hash, name: r.name, status: r.status, code: r.code, reason: r.reason, args: r.args, blobs: r.blobs, createdAt: r.created_at })),
    lastSeq,
    more,
  };
}
