import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { commandHash, type CommandArgs, type CommandName } from '../../sync/protocol/index.js';
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
 * schema (sync/protocol/commands.ts), the one the centre parses them with. The command gets its id
 * (a UUID) and content hash here, in the same transaction (sync/protocol/identity.ts).
 */
export function enqueueCommand<N extends CommandName>(db: Database, clock: Clock, name: N, args: CommandArgs<N>, blobs: readonly string[] = []): number {
  const text = JSON.stringify(args);
  // The hash is of the args as the centre will parse them: what JSON keeps of them.
  const hash = commandHash(name, JSON.parse(text) as unknown);
  const info = stmt(db, 'INSERT INTO outbox (name, args, created_at, blobs, id, hash) VALUES (?, ?, ?, ?, ?, ?)').run(name, text, clock.nowIso(), JSON.stringify(blobs), randomUUID(), hash);
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
