import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { stmt } from './statements.js';

/**
 * Queues a business command for the central service. Call it inside the transaction that makes the
 * change, so a command exists exactly when its change does.
 */
export function enqueueCommand(db: Database, clock: Clock, name: string, args: unknown, blobs: readonly string[] = []): number {
  const info = stmt(db, 'INSERT INTO outbox (name, args, created_at, blobs) VALUES (?, ?, ?, ?)').run(name, JSON.stringify(args), clock.nowIso(), JSON.stringify(blobs));
  return Number(info.lastInsertRowid);
}

export function outboxSize(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}
