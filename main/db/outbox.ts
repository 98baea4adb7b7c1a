import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import type { CommandArgs, CommandName } from '../../sync/protocol/index.js';
import { stmt } from './statements.js';

/**
 * Queues a business command for the central service. Call it inside the transaction that makes the
 * change, so a command exists exactly when its change does. The args are typed by the command's
 * schema (sync/protocol/commands.ts), the one the centre parses them with.
 */
export function enqueueCommand<N extends CommandName>(db: Database, clock: Clock, name: N, args: CommandArgs<N>, blobs: readonly string[] = []): number {
  const info = stmt(db, 'INSERT INTO outbox (name, args, created_at, blobs) VALUES (?, ?, ?, ?)').run(name, JSON.stringify(args), clock.nowIso(), JSON.stringify(blobs));
  return Number(info.lastInsertRowid);
}

export function outboxSize(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}
