import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { commandHash, type CommandArgs, type CommandName } from '../../sync/protocol/index.js';
import { stmt } from './statements.js';

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

export function outboxSize(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}
