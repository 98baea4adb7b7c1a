import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import type { CommandArgs, CommandName } from '../../sync/protocol/index.js';
import { stmt } from './statements.js';

export interface OutboxCommand {
  seq: number;
  name: string;
  args: unknown;
  createdAt: string;
  /** SHA-256 names of the blobs (material PDFs) the server needs before it can apply the command. */
  blobs: string[];
}

/**
 * Queues a business command for the central service. Call it inside the transaction that makes the
 * change, so a command exists exactly when its change does. The args are typed by the command's
 * schema (sync/protocol/commands.ts), the one the centre parses them with.
 */
export function enqueueCommand<N extends CommandName>(db: Database, clock: Clock, name: N, args: CommandArgs<N>, blobs: readonly string[] = []): number {
  const info = stmt(db, 'INSERT INTO outbox (name, args, created_at, blobs) VALUES (?, ?, ?, ?)').run(name, JSON.stringify(args), clock.nowIso(), JSON.stringify(blobs));
  return Number(info.lastInsertRowid);
}

export function pendingCommands(db: Database, limit = 100): OutboxCommand[] {
  const rows = db
    .prepare('SELECT seq, name, args, created_at, blobs FROM outbox ORDER BY seq LIMIT ?')
    .all(limit) as { seq: number; name: string; args: string; created_at: string; blobs: string }[];
  return rows.map((r) => ({ seq: r.seq, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at, blobs: JSON.parse(r.blobs) as string[] }));
}

export function outboxSize(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}
