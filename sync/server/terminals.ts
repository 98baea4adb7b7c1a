import { randomUUID } from 'node:crypto';
import { TERMINAL_CODE_PATTERN } from '../../core/intake/case-number.js';
import type { Clock } from '../../core/ports.js';
import { INTAKE_COMMANDS, type EnrollResponse, type enrollRequestSchema } from '../protocol/index.js';
import type { z } from 'zod';
import { EVERYONE, writeChanges, type Written } from './changes.js';
import { isoOf, isoOrNull, type Db, type Queryable } from './db/types.js';
import { HttpError, invalidRequest } from './errors.js';
import { newCredential, newEnrollmentCode, normalizeEnrollmentCode, parseCredential, sameHash, sha256 } from './secrets.js';

export const ENROLLMENT_VALID_DAYS = 7;

export interface EnrollmentCodeRequest {
  terminalCode: string;
  windowNo?: string | null | undefined;
  hall?: string | null | undefined;
  district?: string | null | undefined;
  validDays?: number | undefined;
}

/** The case-number prefix as core's case numbers need it (core/intake/case-number.ts). */
export function normalizeTerminalCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!TERMINAL_CODE_PATTERN.test(code)) {
    throw invalidRequest(`terminal code "${raw}" must be 2 to 16 letters and digits (it prefixes case numbers: <code>-<yyyymmdd>-<nnnn>)`);
  }
  return code;
}

async function liveTerminalWithCode(q: Queryable, terminalCode: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM terminals WHERE terminal_code = $1 AND revoked_at IS NULL', [terminalCode]);
  return row?.id ?? null;
}

/** The terminal code's newest terminal and its last seq (0 when it has none): where a successor goes on. */
export async function newestOfCode(q: Queryable, terminalCode: string): Promise<{ id: string | null; lastSeq: number }> {
  const [row] = await q.query<{ id: string; last_seq: number }>('SELECT id, last_seq FROM terminals WHERE terminal_code = $1 ORDER BY enrolled_at DESC LIMIT 1', [terminalCode]);
  return { id: row?.id ?? null, lastSeq: Number(row?.last_seq ?? 0) };
}

/**
 * The highest case-number sequence per day that the centre knows for a terminal code (from every intake
 * command it received, applied or refused: a refused intake's number was issued at the counter too).
 */
export async function caseCountersOf(q: Queryable, terminalCode: string): Promise<Record<string, number>> {
  const rows = await q.query<{ d: string; seq: number }>(
    `SELECT split_part(c.case_no, '-', 2) AS d, max(split_part(c.case_no, '-', 3)::bigint) AS seq
       FROM commands c JOIN terminals t ON t.id = c.terminal_id
      WHERE t.terminal_code = $1 AND c.name = ANY($2::text[]) AND c.case_no ~ '^[A-Z0-9]+-[0-9]{8}-[0-9]{1,12}$'
      GROUP BY 1`,
    [terminalCode, Object.keys(INTAKE_COMMANDS)],
  );
  return Object.fromEntries(rows.map((r) => [`${r.d.slice(0, 4)}-${r.d.slice(4, 6)}-${r.d.slice(6, 8)}`, Number(r.seq)]));
}

/** IT makes a one-time code for one window; only its SHA-256 is kept. */
export async function createEnrollmentCode(db: Db, clock: Clock, req: EnrollmentCodeRequest): Promise<{ code: string; terminalCode: string; expiresAt: string }> {
  const terminalCode = normalizeTerminalCode(req.terminalCode);
  const validDays = req.validDays ?? ENROLLMENT_VALID_DAYS;
  if (!(validDays > 0 && validDays <= 90)) throw invalidRequest('validDays must be between 1 and 90');
  const holder = await liveTerminalWithCode(db, terminalCode);
  if (holder) throw invalidRequest(`terminal code ${terminalCode} is held by terminal ${holder}; revoke it first`, { terminalId: holder });
  const now = clock.nowIso();
  const expiresAt = new Date(Date.parse(now) + validDays * 86_400_000).toISOString();
  const code = newEnrollmentCode();
  await db.query(
    'INSERT INTO enrollment_codes (code_sha256, terminal_code, window_no, hall, district, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [sha256(normalizeEnrollmentCode(code)), terminalCode, req.windowNo ?? null, req.hall ?? null, req.district ?? null, now, expiresAt],
  );
  return { code, terminalCode, expiresAt };
}

/** Redeems a code once: the terminal is registered with its public key and receives its credential. */
export async function enroll(db: Db, clock: Clock, req: z.output<typeof enrollRequestSchema>): Promise<{ response: EnrollResponse; written: Written | null }> {
  try {
    return await redeem(db, clock, req);
  } catch (err) {
    // Two codes for one window redeemed at the same moment: the unique index lets one through.
    if ((err as { code?: unknown }).code === '23505') throw new HttpError(400, 'enrollment_invalid', 'this window was enrolled a moment ago by another machine; IT must revoke it first');
    throw err;
  }
}

async function redeem(db: Db, clock: Clock, req: z.output<typeof enrollRequestSchema>): Promise<{ response: EnrollResponse; written: Written | null }> {
  return db.transaction(async (tx) => {
    const now = clock.nowIso();
    const [code] = await tx.query<{ code_sha256: string; terminal_code: string; window_no: string | null; hall: string | null; district: string | null; expires_at: unknown; used_at: unknown; terminal_id: string | null }>(
      'SELECT * FROM enrollment_codes WHERE code_sha256 = $1 FOR UPDATE',
      [sha256(normalizeEnrollmentCode(req.code))],
    );
    // One answer for unknown, used and expired: the caller learns nothing about which codes exist.
    const invalid = new HttpError(400, 'enrollment_invalid', 'this enrollment code is unknown, already used or expired; ask IT for a new one');
    if (!code || Date.parse(isoOf(code.expires_at)) <= Date.parse(now)) throw invalid;
    if (code.used_at !== null) {
      // The same machine asking again (its answer was lost on the way): the same code AND the same key.
      const again = code.terminal_id === null ? null : await answerAgain(tx, code.terminal_id, req);
      if (!again) throw invalid;
      return { response: again, written: null };
    }
    if (req.expectTerminalCode !== undefined && req.expectTerminalCode !== code.terminal_code) {
      // Checked before anything is written: the code stays unspent for the machine it was made for.
      throw new HttpError(400, 'enrollment_invalid', `this code is for terminal ${code.terminal_code}, but the machine's cases are numbered ${req.expectTerminalCode}-…; nothing was used up`, {
        reason: 'terminal_code_mismatch',
        codeFor: code.terminal_code,
      });
    }
    if (await liveTerminalWithCode(tx, code.terminal_code)) {
      throw new HttpError(400, 'enrollment_invalid', `terminal code ${code.terminal_code} is already enrolled on another machine; IT must revoke it first`);
    }
    const id = randomUUID();
    const { credential, secretSha256 } = newCredential(id);
    // continueNumbering: this terminal's seqs go on from its newest predecessor's (the store it runs on
    // keeps that mapping, or gets the commands back from the centre); seqs up to the base are theirs.
    const predecessor = req.continueNumbering === true ? await newestOfCode(tx, code.terminal_code) : { id: null, lastSeq: 0 };
    const base = predecessor.lastSeq;
    await tx.query(
      `INSERT INTO terminals (id, terminal_code, window_no, hall, district, label, public_key, secret_sha256, enrolled_at, last_seq, seq_base)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [id, code.terminal_code, code.window_no, code.hall, code.district, req.label, req.publicKey, secretSha256, now, base],
    );
    await tx.query('UPDATE enrollment_codes SET used_at = $2, terminal_id = $3 WHERE code_sha256 = $1', [code.code_sha256, now, id]);
    // The same window enrolled again (its earlier terminal revoked): its cases are this terminal's now,
    // so their notices are accepted from it and their statuses come down to it. It starts pulling at
    // checkpoint 0, so moving the status rows into its scope is enough.
    await tx.query('UPDATE cases SET terminal_id = $1 WHERE terminal_code = $2 AND terminal_id <> $1', [id, code.terminal_code]);
    await tx.query(
      `UPDATE changes SET scope = $1 WHERE kind = 'case_status' AND scope IN (SELECT id::text FROM terminals WHERE terminal_code = $2 AND id <> $1::uuid)`,
      [id, code.terminal_code],
    );
    const written = await writeChanges(tx, [{ scope: EVERYONE, kind: 'terminal_key', key: code.terminal_code, data: { terminalCode: code.terminal_code, publicKey: req.publicKey, revokedAt: null } }]);
    const response: EnrollResponse = { terminalId: id, terminalCode: code.terminal_code, windowNo: code.window_no, hall: code.hall, district: code.district, credential };
    if (req.continueNumbering === true) Object.assign(response, { lastSeq: base, predecessorId: predecessor.id, caseCounters: await caseCountersOf(tx, code.terminal_code) });
    return { response, written };
  });
}

/**
 * An enrollment answered again: the code was redeemed, within its validity, by the terminal with this
 * very public key, which is still live. The first answer never arrived (the credential in it was never
 * used), so a new secret replaces it; the rest is what it was. Anyone else with the code (another key)
 * gets `enrollment_invalid` like for any used code.
 */
async function answerAgain(tx: Queryable, terminalId: string, req: z.output<typeof enrollRequestSchema>): Promise<EnrollResponse | null> {
  const [t] = await tx.query<{ terminal_code: string; window_no: string | null; hall: string | null; district: string | null; public_key: string; revoked_at: unknown; seq_base: number; enrolled_at: unknown }>(
    'SELECT terminal_code, window_no, hall, district, public_key, revoked_at, seq_base, enrolled_at FROM terminals WHERE id = $1 FOR UPDATE',
    [terminalId],
  );
  if (!t || t.revoked_at !== null || t.public_key !== req.publicKey) return null;
  if (req.expectTerminalCode !== undefined && req.expectTerminalCode !== t.terminal_code) return null;
  const { credential, secretSha256 } = newCredential(terminalId);
  await tx.query('UPDATE terminals SET secret_sha256 = $2 WHERE id = $1', [terminalId, secretSha256]);
  const response: EnrollResponse = { terminalId, terminalCode: t.terminal_code, windowNo: t.window_no, hall: t.hall, district: t.district, credential };
  if (req.continueNumbering === true) {
    const [before] = await tx.query<{ id: string }>('SELECT id FROM terminals WHERE terminal_code = $1 AND enrolled_at < $2 ORDER BY enrolled_at DESC LIMIT 1', [t.terminal_code, t.enrolled_at]);
    Object.assign(response, { lastSeq: Number(t.seq_base), predecessorId: before?.id ?? null, caseCounters: await caseCountersOf(tx, t.terminal_code) });
  }
  return response;
}

/** IT withdraws a terminal: every request of it is refused from now on, and every window learns its key is void. */
export async function revokeTerminal(db: Db, clock: Clock, terminalId: string): Promise<{ revokedAt: string; written: Written | null }> {
  if (!/^[0-9a-f-]{36}$/i.test(terminalId)) throw new HttpError(404, 'not_found', `no terminal ${terminalId}`);
  return db.transaction(async (tx) => {
    const [t] = await tx.query<{ terminal_code: string; public_key: string; revoked_at: unknown }>('SELECT terminal_code, public_key, revoked_at FROM terminals WHERE id = $1 FOR UPDATE', [terminalId]);
    if (!t) throw new HttpError(404, 'not_found', `no terminal ${terminalId}`);
    const already = isoOrNull(t.revoked_at);
    if (already) return { revokedAt: already, written: null };
    const now = clock.nowIso();
    await tx.query('UPDATE terminals SET revoked_at = $2 WHERE id = $1', [terminalId, now]);
    const written = await writeChanges(tx, [{ scope: EVERYONE, kind: 'terminal_key', key: t.terminal_code, data: { terminalCode: t.terminal_code, publicKey: t.public_key, revokedAt: now } }]);
    return { revokedAt: now, written };
  });
}

export interface AuthedTerminal {
  id: string;
  terminalCode: string;
}

/** The terminal a bearer credential belongs to; 401 when it is none, 403 when it was revoked. */
export async function authenticateTerminal(q: Queryable, authorization: string | undefined): Promise<AuthedTerminal> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const parsed = bearer ? parseCredential(bearer) : null;
  const refuse = new HttpError(401, 'unauthenticated', bearer ? 'unknown credential' : 'send authorization: Bearer <credential>');
  if (!parsed) throw refuse;
  const [t] = await q.query<{ secret_sha256: string; terminal_code: string; revoked_at: unknown }>('SELECT secret_sha256, terminal_code, revoked_at FROM terminals WHERE id = $1', [parsed.terminalId]);
  if (!t || !sameHash(t.secret_sha256, sha256(parsed.secret))) throw refuse;
  if (t.revoked_at !== null) throw new HttpError(403, 'terminal_revoked', 'this terminal was revoked by IT; it must be enrolled again');
  return { id: parsed.terminalId, terminalCode: t.terminal_code };
}

/** Which of these terminals are revoked (the poke hub ends their streams). */
export async function revokedAmong(q: Queryable, ids: string[]): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT id FROM terminals WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL', [ids]);
  return rows.map((r) => r.id);
}

export interface TerminalInfo {
  id: string;
  terminalCode: string;
  windowNo: string | null;
  hall: string | null;
  district: string | null;
  label: string;
  lastSeq: number;
  enrolledAt: string;
  revokedAt: string | null;
  /** Set when the terminal sent other content under a seq the centre held (store_forked): IT must look. */
  forkedAt: string | null;
  forkedSeq: number | null;
}

export async function listTerminals(q: Queryable): Promise<TerminalInfo[]> {
  const rows = await q.query<{ id: string; terminal_code: string; window_no: string | null; hall: string | null; district: string | null; label: string; last_seq: number; enrolled_at: unknown; revoked_at: unknown; forked_at: unknown; forked_seq: number | null }>(
    'SELECT id, terminal_code, window_no, hall, district, label, last_seq, enrolled_at, revoked_at, forked_at, forked_seq FROM terminals ORDER BY terminal_code, enrolled_at',
  );
  return rows.map((r) => ({
    id: r.id, terminalCode: r.terminal_code, windowNo: r.window_no, hall: r.hall, district: r.district, label: r.label, lastSeq: r.last_seq,
    enrolledAt: isoOf(r.enrolled_at), revokedAt: isoOrNull(r.revoked_at), forkedAt: isoOrNull(r.forked_at), forkedSeq: r.forked_seq === null ? null : Number(r.forked_seq),
  }));
}
