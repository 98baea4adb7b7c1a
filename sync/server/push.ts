import type { Clock } from '../../core/ports.js';
import { isIntakeCommand, type PushResponse, type pushRequestSchema } from '../protocol/index.js';
import type { z } from 'zod';
import type { BlobStore } from './blobs.js';
import type { CatalogBook } from './catalogs.js';
import { writeChanges, type ChangeWrite, type Written } from './changes.js';
import type { Db, Queryable } from './db/types.js';
import { HttpError, invalidRequest } from './errors.js';
import { materialPdfsIn } from './validate/hashes.js';
import { intakeWants, type AcceptedIntake } from './validate/intake.js';
import { judgeCommand } from './validate/judges.js';
import type { Batch } from './validate/verdict.js';

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

interface CommandRow { terminal_id: string; seq: number; name: string; status: 'applied' | 'rejected'; code: string | null; reason: string | null; case_no: string | null; args: unknown | null; blobs: string[]; created_at: string; received_at: string }
interface CaseRow { case_no: string; terminal_id: string; terminal_code: string; intake_id: string; day: string; outcome: string; status: string | null; checked: boolean; catalog_version: string | null; data: unknown; received_at: string }
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
  const { commands } = req;
  for (let i = 1; i < commands.length; i += 1) {
    if ((commands[i]?.seq ?? 0) <= (commands[i - 1]?.seq ?? 0)) throw invalidRequest(`commands must be in increasing seq order (seq ${commands[i]?.seq} follows ${commands[i - 1]?.seq})`);
  }
  // Read-only preparation outside the transaction: blobs only ever appear, catalogs are immutable.
  const missing = await deps.blobs.missing(commands.flatMap(blobsOf));
  const wants = commands.flatMap((c) => (isIntakeCommand(c.name) ? [intakeWants(c.args)].filter((w) => w !== null) : []));
  const catalogs = await deps.catalogs.chooser(deps.db, wants);

  return deps.db.transaction(async (tx) => {
    const [terminal] = await tx.query<{ last_seq: number; revoked_at: unknown }>('SELECT last_seq, revoked_at FROM terminals WHERE id = $1 FOR UPDATE', [pusher.id]);
    if (!terminal) throw new HttpError(401, 'unauthenticated', 'unknown terminal');
    if (terminal.revoked_at !== null) throw new HttpError(403, 'terminal_revoked', 'this terminal was revoked');
    const lastSeq = terminal.last_seq;
    const results: Result[] = [];
    const fresh: Command[] = [];
    for (const c of commands) {
      if (c.seq <= lastSeq) results.push({ seq: c.seq, status: 'duplicate' });
      else fresh.push(c);
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
    const batch: Batch = { terminalId: pusher.id, terminalCode: pusher.terminalCode, catalogs, cases: known.cases, intakes: known.intakes };
    const commandRows: CommandRow[] = [];
    const caseRows: CaseRow[] = [];
    const noticeRows: NoticeRow[] = [];
    const changes: ChangeWrite[] = [];
    let blocked: PushResponse['blocked'];
    let applied = lastSeq;

    for (const c of fresh) {
      const needs = blobsOf(c).filter((h) => missing.has(h));
      if (needs.length > 0) {
        blocked = { seq: c.seq, code: 'blob_missing', hashes: needs };
        break;
      }
      const row: CommandRow = { terminal_id: pusher.id, seq: c.seq, name: c.name, status: 'applied', code: null, reason: null, case_no: null, args: c.args, blobs: c.blobs, created_at: c.createdAt, received_at: now };
      const reject = (caseNo: string | null, code: string, reason: string): void => {
        Object.assign(row, { status: 'rejected', code, reason, case_no: caseNo });
        results.push({ seq: c.seq, status: 'rejected', code, reason });
        changes.push({ scope: pusher.id, kind: 'rejection', key: String(c.seq), data: { seq: c.seq, name: c.name, caseNo, code, reason, at: now } });
      };
      const v = judgeCommand(c.name, c.args, batch);
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
      await insertRows(tx, 'commands', commandRows, 'terminal_id uuid, seq bigint, name text, status text, code text, reason text, case_no text, args jsonb, blobs jsonb, created_at text, received_at timestamptz');
      await insertRows(tx, 'cases', caseRows, 'case_no text, terminal_id uuid, terminal_code text, intake_id uuid, day date, outcome text, status text, checked boolean, catalog_version text, data jsonb, received_at timestamptz');
      await insertRows(tx, 'notices', noticeRows, 'case_no text, terminal_id uuid, seq bigint, action text, document_no text, print_no integer, data jsonb, received_at timestamptz');
      await tx.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [pusher.id, applied]);
    }
    const written = await writeChanges(tx, changes);
    const response: PushResponse = { lastSeq: applied, results };
    if (blocked) response.blocked = blocked;
    return { response, written };
  });
}

function caseRow(pusher: Pusher, intake: AcceptedIntake, args: unknown, now: string): CaseRow {
  return {
    case_no: intake.caseNo, terminal_id: pusher.id, terminal_code: pusher.terminalCode, intake_id: intake.intakeId, day: intake.day, outcome: intake.outcome,
    // The back office moves accepted cases along; corrections, refusals and on-the-spot cases are done at the window.
    status: intake.outcome === 'accepted' ? 'received' : null,
    checked: intake.checked, catalog_version: intake.catalogVersion, data: args, received_at: now,
  };
}

/** The cases and intake ids of this batch that the server already holds, in one query. */
async function knownCases(tx: Queryable, commands: readonly Command[]): Promise<{ cases: Map<string, string>; intakes: Set<string> }> {
  const caseNos = new Set<string>();
  const intakeIds = new Set<string>();
  for (const c of commands) {
    if (typeof c.args.caseNo === 'string') caseNos.add(c.args.caseNo);
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

/** Many rows in one statement: the rows travel as one JSON parameter, whatever their number. */
async function insertRows(tx: Queryable, table: string, rows: readonly object[], columns: string): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [JSON.stringify(rows)]);
}
