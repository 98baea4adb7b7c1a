import type { Clock } from '../../core/ports.js';
import type { Queryable } from './db/types.js';
import { HttpError } from './errors.js';
import { newOfficeToken, sameHash, sha256 } from './secrets.js';

/** Makes an office token: printed once, kept only as its SHA-256. */
export async function createOfficeToken(q: Queryable, clock: Clock, label = 'office'): Promise<string> {
  const token = newOfficeToken();
  await q.query('INSERT INTO office_tokens (token_sha256, label, created_at) VALUES ($1, $2, $3)', [sha256(token), label, clock.nowIso()]);
  return token;
}

/**
 * Who is calling the back office: the label of a stored token, or "office" for the token the service
 * was started with (`OW_OFFICE_TOKEN`). 401 without a bearer token, 403 `forbidden` with a wrong one
 * (a terminal's credential included: terminals may not move cases).
 */
export async function authenticateOffice(q: Queryable, authorization: string | undefined, configured: string | undefined): Promise<string> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer) throw new HttpError(401, 'unauthenticated', 'send authorization: Bearer <office token>');
  const hash = sha256(bearer);
  if (configured && sameHash(hash, sha256(configured))) return 'office';
  const [row] = await q.query<{ label: string }>('SELECT label FROM office_tokens WHERE token_sha256 = $1', [hash]);
  if (!row) throw new HttpError(403, 'forbidden', 'this is not an office token');
  return row.label;
}
