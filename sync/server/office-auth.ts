import type { Clock } from '../../core/ports.js';
import { isoOf, isoOrNull, type Queryable } from './db/types.js';
import { HttpError } from './errors.js';
import { newOfficeToken, sameHash, sha256 } from './secrets.js';

/** How long a stored office token works unless IT says otherwise (`office-token --valid-days`). */
export const OFFICE_TOKEN_DAYS = 90;
export const MAX_OFFICE_TOKEN_DAYS = 366;

/** What `OW_OFFICE_TOKEN` must at least be: it opens the whole back office. */
const MIN_ENV_TOKEN_LENGTH = 32;
const MIN_ENV_TOKEN_DISTINCT = 12;

/**
 * Why a token given in the environment is too weak to start with, or null. A made-up word or a short
 * string is guessable; the stored tokens (`office-token`) are 256 random bits and expire.
 */
export function officeTokenProblem(token: string): string | null {
  if (token.length < MIN_ENV_TOKEN_LENGTH) return `it has ${token.length} characters; it needs at least ${MIN_ENV_TOKEN_LENGTH}`;
  if (new Set(token).size < MIN_ENV_TOKEN_DISTINCT) return `it repeats too few characters (${new Set(token).size} different; at least ${MIN_ENV_TOKEN_DISTINCT})`;
  return null;
}

/** Throws, for the service not to start, when OW_OFFICE_TOKEN is set and weak. */
export function assertStrongOfficeToken(token: string | undefined): void {
  if (!token) return;
  const problem = officeTokenProblem(token);
  if (problem) {
    throw new Error(
      `OW_OFFICE_TOKEN is too weak: ${problem}. Leave it unset and make an expiring token with ` +
        '"npm run central -- office-token", or set it to at least 32 random characters (e.g. openssl rand -base64 32).',
    );
  }
}

/** A short name for a token that is not the token: the first 12 hex digits of its SHA-256. */
export const officeTokenId = (token: string): string => sha256(token).slice(0, 12);

export interface IssuedOfficeToken {
  token: string;
  id: string;
  expiresAt: string;
}

/** Makes an office token: printed once, kept only as its SHA-256, working for `validDays`. */
export async function issueOfficeToken(q: Queryable, clock: Clock, label = 'office', validDays = OFFICE_TOKEN_DAYS): Promise<IssuedOfficeToken> {
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_OFFICE_TOKEN_DAYS) throw new Error(`--valid-days must be a whole number from 1 to ${MAX_OFFICE_TOKEN_DAYS}`);
  const token = newOfficeToken();
  const now = clock.nowIso();
  const expiresAt = new Date(Date.parse(now) + validDays * 86_400_000).toISOString();
  await q.query('INSERT INTO office_tokens (token_sha256, label, created_at, expires_at) VALUES ($1, $2, $3, $4)', [sha256(token), label, now, expiresAt]);
  return { token, id: officeTokenId(token), expiresAt };
}

/** The token alone (tests and the harness). */
export async function createOfficeToken(q: Queryable, clock: Clock, label = 'office', validDays = OFFICE_TOKEN_DAYS): Promise<string> {
  return (await issueOfficeToken(q, clock, label, validDays)).token;
}

export interface OfficeTokenInfo {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export async function listOfficeTokens(q: Queryable): Promise<OfficeTokenInfo[]> {
  const rows = await q.query<{ token_sha256: string; label: string; created_at: unknown; expires_at: unknown; revoked_at: unknown }>(
    'SELECT token_sha256, label, created_at, expires_at, revoked_at FROM office_tokens ORDER BY created_at',
  );
  return rows.map((r) => ({ id: r.token_sha256.slice(0, 12), label: r.label, createdAt: isoOf(r.created_at), expiresAt: isoOf(r.expires_at), revokedAt: isoOrNull(r.revoked_at) }));
}

/**
 * Withdraws a token, named by its id (`office-tokens` lists them) or given whole. A token given whole
 * that is not stored (the one in OW_OFFICE_TOKEN) is recorded as revoked, so the service refuses it
 * from then on even while the environment still sets it.
 */
export async function revokeOfficeToken(q: Queryable, clock: Clock, which: { id?: string | undefined; token?: string | undefined }): Promise<{ id: string; revokedAt: string }> {
  const now = clock.nowIso();
  if (which.token) {
    const hash = sha256(which.token);
    await q.query(
      `INSERT INTO office_tokens (token_sha256, label, created_at, expires_at, revoked_at) VALUES ($1, 'OW_OFFICE_TOKEN', $2, $2, $2)
       ON CONFLICT (token_sha256) DO UPDATE SET revoked_at = COALESCE(office_tokens.revoked_at, excluded.revoked_at)`,
      [hash, now],
    );
    const [row] = await q.query<{ revoked_at: unknown }>('SELECT revoked_at FROM office_tokens WHERE token_sha256 = $1', [hash]);
    return { id: hash.slice(0, 12), revokedAt: isoOf(row?.revoked_at) };
  }
  const id = (which.id ?? '').toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(id)) throw new HttpError(400, 'invalid_request', 'give the token id (8 or more hex digits, from office-tokens) or the token itself');
  const rows = await q.query<{ token_sha256: string }>('SELECT token_sha256 FROM office_tokens WHERE token_sha256 LIKE $1', [`${id}%`]);
  const [only] = rows;
  if (!only) throw new HttpError(404, 'not_found', `no office token ${id}`);
  if (rows.length > 1) throw new HttpError(400, 'invalid_request', `${id} names ${rows.length} tokens; give more digits`);
  const [row] = await q.query<{ revoked_at: unknown }>(
    'UPDATE office_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE token_sha256 = $1 RETURNING revoked_at',
    [only.token_sha256, now],
  );
  return { id: only.token_sha256.slice(0, 12), revokedAt: isoOf(row?.revoked_at) };
}

/**
 * Who is calling the back office: the label of a stored token, or "office" for the token the service
 * was started with (`OW_OFFICE_TOKEN`). 401 without a bearer token, and for an expired or revoked
 * one (make a new one); 403 `forbidden` with a wrong one (a terminal's credential included:
 * terminals may not move cases).
 */
export async function authenticateOffice(q: Queryable, authorization: string | undefined, configured: string | undefined, nowIso: string): Promise<string> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer) throw new HttpError(401, 'unauthenticated', 'send authorization: Bearer <office token>');
  const hash = sha256(bearer);
  const [row] = await q.query<{ label: string; expires_at: unknown; revoked_at: unknown }>('SELECT label, expires_at, revoked_at FROM office_tokens WHERE token_sha256 = $1', [hash]);
  if (row && row.revoked_at !== null) throw new HttpError(401, 'unauthenticated', 'this office token was revoked; ask IT for a new one');
  if (configured && sameHash(hash, sha256(configured))) return 'office';
  if (!row) throw new HttpError(403, 'forbidden', 'this is not an office token');
  if (Date.parse(isoOf(row.expires_at)) <= Date.parse(nowIso)) throw new HttpError(401, 'unauthenticated', `this office token expired at ${isoOf(row.expires_at)}; ask IT for a new one`);
  return row.label;
}
