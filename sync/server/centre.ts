import type { Clock } from '../../core/ports.js';
import type { Queryable } from './db/types.js';

export interface CentreIdentity {
  databaseId: string;
  epoch: number;
}

/** This centre's database id and epoch (central migration 004). */
export async function centreIdentity(q: Queryable): Promise<CentreIdentity> {
  const [row] = await q.query<{ database_id: string; epoch: number }>('SELECT database_id::text AS database_id, epoch FROM central_meta WHERE id = 1');
  if (!row) throw new Error('central_meta has no row');
  return { databaseId: row.database_id, epoch: Number(row.epoch) };
}

/**
 * After the database was restored from a backup: a new epoch, so every terminal pulls again from 0
 * and re-sends what this database lacks of it (they keep acknowledged commands for a while).
 */
export async function markRestored(q: Queryable, clock: Clock): Promise<CentreIdentity> {
  const [row] = await q.query<{ database_id: string; epoch: number }>('UPDATE central_meta SET epoch = epoch + 1, restored_at = $1 WHERE id = 1 RETURNING database_id::text AS database_id, epoch', [clock.nowIso()]);
  if (!row) throw new Error('central_meta has no row');
  return { databaseId: row.database_id, epoch: Number(row.epoch) };
}
