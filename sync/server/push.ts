import { findUnstorableText, storableCopy, unstorableAt } from '../../core/applicant/index.js';
import type { Clock } from '../../core/ports.js';
import { commandHash, isIntakeCommand, type PushResponse, type pushRequestSchema } from '../protocol/index.js';
import type { z } from 'zod';
import type { BlobStore } from './blobs.js';
import type { CatalogBook } from './catalogs.js';
import { writeChanges, type ChangeWrite, type Written } from './changes.js';
import type { Db, Queryable } from './db/types.js';
import { HttpError, invalidRequest } from './errors.js';
import { materialPdfsIn, missingDocumentsIn } from './validate/hashes.js';
import { intakeWants, type AcceptedIntake } from './validate/intake.js';
import { judgeCommand } from './validate/judges.js';
import type { Batch, Verdict } from './validate/verdict.js';

type PushRequest = z.output<typeof pushRequestSchema>;
type Command = PushRequest['commands'][number];
type Result = PushResponse['results'][number];

export interface PushDeps {
  db: Db;
  blobs: BlobStore;
  catalogs: CatalogBook;
  clock: Clock;
}

/** Who is pushing (from the credential). */
export interface Pusher {
  id: string;
  terminalCode: string;
}

interface CommandRow { terminal_id: string; seq: number; id: string | null; hash: string; name: string; status: 'applied' | 'rejected' | 'duplicate'; code: string | null; reason: string | null; case_no: string | null; args: unknown | null; blobs: string[]; created_at: string; received_at: string }
interface CaseRow { case_no: string; terminal_id: string; terminal_code: string; intake_id: string; day: string; outcome: string; status: string | null; checked: boolean; catalog_version: string | null; data: unknown; received_at: string; missing_documents: unknown[] | null }
interface NoticeRow { case_no: string; terminal_id: string; seq: number; action: 'print' | 'void'; document_no: string; print_no: number; data: unknown; received_at: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BY_CENTRE = 'central';

/** Every blob a command needs on the server first: its `blobs` and the material PDFs its `scans` name. */
function blobsOf(c: Command): string[] {
  return [...new Set([...c.blobs, ...materialPdfsIn(c.args.scans)])];
}

/**
 * Applies a terminal's batch exactly once and in order (sync/README.md, "Push"). The terminal's row
 * is locked FOR UPDATE, so two pushes of one terminal run one after the other and the second finds
 * the first's commands `duplicate`. Every effect of the batch (commands journal, cases, notices,
 * rejections, changes) and the new `lastSeq` commit in ONE transaction: all of it or none.
 * Refusals of the whole batch (seq gap, malformed order) store nothing.
 */
export async function applyPush(deps: PushDeps, pusher: Pusher, req: PushRequest): Promise<{ response: PushResponse; written: Written | null }> {
  try {
    return await applyPushOnce(deps, pusher, req);
  } catch (err) {
    // The batch's transaction is rolled back; the fork is recorded on its own, for IT to see.
    if (err instanceof HttpError && err.code === 'store_forked') await recordFork(deps, pusher, Number(err.details.seq));
    throw err;
  }
}

async function applyPushOnce(deps: PushDeps, pusher: Pusher, req: PushRequest): Promise<{ response: PushResponse; written: Written | null }> {
  const { commands } = req;
  for (let i = 1; i < commands.length; i += 1) {
    if ((commands[i]?.seq ?? 0) <= (commands[i - 1]?.seq ?? 0)) throw invalidRequest(`commands must be in increasing seq order (seq ${commands[i]?.seq} follows ${commands[i - 1]?.seq})`);
  }
  // The hash is the centre's own, of what arrived; a terminal that sends one must agree with it.
  const hashes = new Map(commands.map((c) => [c.seq, commandHash(c.name, c.args)]));
  for (const c of commands) {
    if (c.hash !== undefined && c.hash !== hashes.get(c.seq)) throw invalidRequest(`command ${c.seq}: its hash does not match its name and args (changed on the way?); nothing of this batch was applied`);
  }
  // Read-only preparation outside the transaction: blobs only ever appear, catalogs are immutable.
  // A terminal's command may name only blobs it sent (proved it holds) itself.
  const missing = await deps.blobs.missingFor(pusher.terminalCode, commands.flatMap(blobsOf));
  const wants = commands.flatMap((c) => (isIntakeCommand(c.name) ? [intakeWants(c.args)].filter((w) => w !== null) : []));
  const catalogs = await deps.catalogs.chooser(deps.db, wants);

  return deps.db.transaction(async (tx) => {
    const [terminal] = await tx.query<{ last_seq: number; revoked_at: unknown }>('SELECT last_seq, revoked_at FROM terminals WHERE id = $1 FOR UPDATE', [pusher.id]);
    if (!terminal) throw new HttpError(401, 'unauthenticated', 'unknown terminal');
    if (terminal.revoked_at !== null) throw new HttpError(403, 'terminal_revoked', 'this terminal was revoked');
    const lastSeq = terminal.last_seq;
    const results: Result[] = [];
    const fresh: Command[] = [];
    const repeated: Command[] = [];
    for (const c of commands) (c.seq <= lastSeq ? repeated : fresh).push(c);
    // A seq the centre holds is a duplicate only if it is the same command: another hash under it
    // means the store went back (restored from a backup) and made new commands under old seqs.
    const held = await heldHashes(tx, pusher, repeated.map((c) => c.seq));
    for (const c of repeated) {
      const theirs = held.get(c.seq);
      if (theirs && theirs !== hashes.get(c.seq)) {
        throw new HttpError(409, 'store_forked', `seq ${c.seq} is already at the centre with other content: this store went back (a backup?) and made new commands under seqs it had sent; nothing was applied, and this terminal's pushes stop until IT has looked`, { seq: c.seq, lastSeq });
      }
      results.push({ seq: c.seq, status: 'duplicate' });
    }
    const gapAt = fresh.findIndex((c, i) => c.seq !== lastSeq + 1 + i);
    if (gapAt >= 0) {
      throw new HttpError(409, 'seq_gap', `commands must continue from ${lastSeq + 1}; got ${fresh[gapAt]?.seq} where ${lastSeq + 1 + gapAt} was due (nothing of this batch was applied)`, {
        expected: lastSeq + 1,
        lastSeq,
      });
    }

    const now = deps.clock.nowIso();
    const known = await knownCases(tx, fresh);
    const ids = await knownIds(tx, pusher, fresh);
    const batch: Batch = { terminalId: pusher.id, terminalCode: pusher.terminalCode, catalogs, cases: known.cases, intakes: known.intakes };
    const commandRows: CommandRow[] = [];
    const caseRows: CaseRow[] = [];
    const noticeRows: NoticeRow[] = [];
    const changes: ChangeWrite[] = [];
    let blocked: PushResponse['blocked'];
    let applied = lastSeq;

    for (const c of fresh) {
      const hash = hashes.get(c.seq) ?? '';
      const id = c.id?.toLowerCase() ?? null;
      const row: CommandRow = { terminal_id: pusher.id, seq: c.seq, id, hash, name: c.name, status: 'applied', code: null, reason: null, case_no: null, args: c.args, blobs: c.blobs, created_at: c.createdAt, received_at: now };
      const sameAs = id === null ? undefined : ids.get(id);
      if (sameAs !== undefined) {
        // Sent before under another seq (a terminal enrolled again re-sends what it never saw
        // acknowledged): that one was applied or refused; this one is only noted.
        Object.assign(row, { status: 'duplicate', id: null, args: null, code: 'command_id_known', reason: `the same command as seq ${sameAs}` });
        results.push({ seq: c.seq, status: 'duplicate', code: 'command_id_known', duplicateOf: sameAs });
        commandRows.push(row);
        applied = c.seq;
        continue;
      }
      const needs = blobsOf(c).filter((h) => missing.has(h));
      if (needs.length > 0) {
        blocked = { seq: c.seq, code: 'blob_missing', hashes: needs };
        break;
      }
      if (id !== null) ids.set(id, c.seq);
      const reject = (caseNo: string | null, code: string, reason: string): void => {
        Object.assign(row, { status: 'rejected', code, reason, case_no: caseNo });
        results.push({ seq: c.seq, status: 'rejected', code, reason });
        changes.push({ scope: pusher.id, kind: 'rejection', key: String(c.seq), data: { seq: c.seq, name: c.name, caseNo, code, reason, at: now } });
      };
      const unstorable = findUnstorableText({ args: c.args, createdAt: c.createdAt });
      // Text PostgreSQL cannot keep (U+0000): this command's refusal, not the batch's 500. Its record
      // keeps a copy with such characters replaced.
      const v: Verdict = unstorable !== null
        ? { ok: false, caseNo: typeof c.args.caseNo === 'string' ? storableCopy(c.args.caseNo) : null, code: 'text_unstorable', reason: `${unstorable}: holds a character the centre cannot store (U+0000, or a broken character)` }
        : judgeCommand(c.name, c.args, batch);
      if (unstorable !== null) Object.assign(row, { args: storableDeep(c.args), created_at: storableCopy(c.createdAt) });
      if (!v.ok) reject(v.caseNo, v.code, v.reason);
      else {
        row.case_no = v.caseNo;
        results.push({ seq: c.seq, status: 'applied' });
        const e = v.effect;
        if (e.kind === 'case') {
          row.args = null; // kept once, as the case's data
          known.cases.set(e.intake.caseNo, pusher.id);
          known.intakes.add(e.intake.intakeId.toLowerCase());
          caseRows.push(caseRow(pusher, e.intake, c.args, now));
          if (e.intake.outcome === 'accepted') {
            changes.push({ scope: pusher.id, kind: 'case_status', key: e.intake.caseNo, data: { caseNo: e.intake.caseNo, status: 'received', decision: null, note: null, resultDocument: null, at: now, by: BY_CENTRE } });
          }
        } else {
          noticeRows.push({ case_no: v.caseNo, terminal_id: pusher.id, seq: c.seq, action: e.action, document_no: e.documentNo, print_no: e.printNo, data: c.args, received_at: now });
        }
      }
      commandRows.push(row);
      applied = c.seq;
    }

    if (commandRows.length > 0) {
      await insertRows(tx, 'commands', commandRows, 'terminal_id uuid, seq bigint, id uuid, hash text, name text, status text, code text, reason text, case_no text, args jsonb, blobs jsonb, created_at text, received_at timestamptz');
      await insertRows(tx, 'cases', caseRows, 'case_no text, terminal_id uuid, terminal_code text, intake_id uuid, day date, outcome text, status text, checked boolean, catalog_version text, data jsonb, received_at timestamptz, missing_documents jsonb');
      await insertRows(tx, 'notices', noticeRows, 'case_no text, terminal_id uuid, seq bigint, action text, document_no text, print_no integer, data jsonb, received_at timestamptz');
      await tx.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [pusher.id, applied]);
    }
    // The journal head the terminal had as it pushed: handed back by /v1/state (truncation check).
    if (req.audit) await tx.query('UPDATE terminals SET audit_seq = $2, audit_hash = $3, audit_at = $4 WHERE id = $1', [pusher.id, req.audit.seq, req.audit.hash, now]);
    const written = await writeChanges(tx, changes);
    const response: PushResponse = { lastSeq: applied, results };
    if (blocked) response.blocked = blocked;
    return { response, written };
  });
}

function caseRow(pusher: Pusher, intake: AcceptedIntake, args: unknown, now: string): CaseRow {
  const missing = missingDocumentsIn((args as { scans?: unknown }).scans);
  return {
    case_no: intake.caseNo, terminal_id: pusher.id, terminal_code: pusher.terminalCode, intake_id: intake.intakeId, day: intake.day, outcome: intake.outcome,
    // The back office moves accepted cases along; corrections, refusals and on-the-spot cases are done at the window.
    status: intake.outcome === 'accepted' ? 'received' : null,
    checked: intake.checked, catalog_version: intake.catalogVersion, data: args, received_at: now,
    missing_documents: missing.length > 0 ? missing : null,
  };
}

/**
 * The hashes the centre holds for these seqs of this terminal code: the pusher's own commands, and for
 * seqs handed over at its enrollment (`seq_base`) those of the newest predecessor that has the seq. A
 * seq without a hash (an older terminal's) is absent: it is taken as a duplicate, as before.
 */
async function heldHashes(tx: Queryable, pusher: Pusher, seqs: readonly number[]): Promise<Map<number, string>> {
  if (seqs.length === 0) return new Map();
  const rows = await tx.query<{ seq: number; hash: string | null }>(
    `SELECT DISTINCT ON (c.seq) c.seq, c.hash FROM commands c JOIN terminals t ON t.id = c.terminal_id
      WHERE t.terminal_code = $1 AND c.seq = ANY($2::bigint[])
      ORDER BY c.seq, (c.terminal_id = $3::uuid) DESC, t.enrolled_at DESC`,
    [pusher.terminalCode, seqs, pusher.id],
  );
  return new Map(rows.filter((r) => r.hash !== null).map((r) => [Number(r.seq), r.hash as string]));
}

/** Which ids of these commands the centre holds for this terminal code already, with the seq they came under. */
async function knownIds(tx: Queryable, pusher: Pusher, commands: readonly Command[]): Promise<Map<string, number>> {
  const ids = [...new Set(commands.map((c) => c.id?.toLowerCase()).filter((id): id is string => id !== undefined))];
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; seq: number }>(
    'SELECT c.id::text AS id, c.seq FROM commands c JOIN terminals t ON t.id = c.terminal_id WHERE c.id = ANY($1::uuid[]) AND t.terminal_code = $2',
    [ids, pusher.terminalCode],
  );
  return new Map(rows.map((r) => [r.id.toLowerCase(), Number(r.seq)]));
}

/** Notes on the terminal's row that it forked (the office's terminal list shows it). */
async function recordFork(deps: PushDeps, pusher: Pusher, seq: number): Promise<void> {
  await deps.db.query('UPDATE terminals SET forked_at = coalesce(forked_at, $2), forked_seq = coalesce(forked_seq, $3) WHERE id = $1', [pusher.id, deps.clock.nowIso(), seq]);
}

/** The cases and intake ids of this batch that the server already holds, in one query. */
async function knownCases(tx: Queryable, commands: readonly Command[]): Promise<{ cases: Map<string, string>; intakes: Set<string> }> {
  const caseNos = new Set<string>();
  const intakeIds = new Set<string>();
  for (const c of commands) {
    // A number no database can hold is refused on its own (text_unstorable); it is not looked up.
    if (typeof c.args.caseNo === 'string' && unstorableAt(c.args.caseNo) < 0) caseNos.add(c.args.caseNo);
    const intakeId = (c.args.input as { intakeId?: unknown } | undefined)?.intakeId;
    if (typeof intakeId === 'string' && UUID.test(intakeId)) intakeIds.add(intakeId.toLowerCase());
  }
  const cases = new Map<string, string>();
  const intakes = new Set<string>();
  if (caseNos.size === 0 && intakeIds.size === 0) return { cases, intakes };
  const rows = await tx.query<{ case_no: string; terminal_id: string; intake_id: string }>(
    'SELECT case_no, terminal_id, intake_id::text FROM cases WHERE case_no = ANY($1::text[]) OR intake_id = ANY($2::uuid[])',
    [[...caseNos], [...intakeIds]],
  );
  for (const r of rows) {
    cases.set(r.case_no, r.terminal_id);
    intakes.add(r.intake_id.toLowerCase());
  }
  return { cases, intakes };
}

/** A copy of `value` with every string (and key) made storable (core's storableCopy). */
function storableDeep(value: unknown): unknown {
  if (typeof value === 'string') return storableCopy(value);
  if (Array.isArray(value)) return value.map(storableDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [storableCopy(k), storableDeep(v)]));
  return value;
}

/** Many rows in one statement: the rows travel as one JSON parameter, whatever their number. */
async function insertRows(tx: Queryable, table: string, rows: readonly object[], columns: string): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [JSON.stringify(rows)]);
}
