import type { Database } from 'better-sqlite3';

export interface OutboxCommand {
  seq: number;
  name: string;
  args: unknown;
  createdAt: string;
  /** SHA-256 names of the blobs (material PDFs) the server needs before it can apply the command. */
  blobs: string[];
}

/** The commands waiting in a store's outbox, in seq order, decoded: what tests look at (the pusher reads its own batches). */
export function pendingCommands(db: Database, limit = 100): OutboxCommand[] {
  const rows = db
    .prepare('SELECT seq, name, args, created_at, blobs FROM outbox ORDER BY seq LIMIT ?')
    .all(limit) as { seq: number; name: string; args: string; created_at: string; blobs: string }[];
  return rows.map((r) => ({ seq: r.seq, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at, blobs: JSON.parse(r.blobs) as string[] }));
}
