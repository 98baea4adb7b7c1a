import { owedFen } from '../../core/fees/lines.js';
import type { Clock } from '../../core/ports.js';
import { isAfterIntakeCommand, isIntakeCommand, type PushResponse, type pushRequestSchema } from '../protocol/index.js';
import { caseStatusChanges } from './case-status.js';
import type { z } from 'zod';
import type { BlobStore } from './blobs.js';
import type { CatalogBook } from './catalogs.js';
import { writeChanges, type ChangeWrite, type Written } from './changes.js';
import type { Db, Queryable } from './db/types.js';
import { HttpError, invalidRequest } from './errors.js';
import { materialPdfsIn } from './validate/hashes.js';
import { intakeWants, type AcceptedIntake } from './validate/intake.js';
import { judgeCommand } from './validate/judges.js';
import type { Batch, CaseState } from './validate/verdict.js';

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
interface DeliveryRow { case_no: string; terminal_id: string; seq: number; document_no: string; relation: string; data: unknown; received_at: string }
interface FeeRow { entry_no: string; case_no: string; terminal_id: string; seq: number; kind: string; amount_fen: number; refund_of: string | null; data: unknown; received_at: string }
interface EventRow { case_no: string; status: string; at: string; by: string }
interface PromiseRow { case_no: string; entry_id: string; state: string; terminal_id: string; seq: number; data: unknown; received_at: string }

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
    const [terminal] = await tx.query<{ last_seq: number; revoked_at: unknown; hall: string | null }>('SELECT last_seq, revoked_at, hall FROM terminals WHERE id = $1 FOR UPDATE', [pusher.id]);
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
    const after = await afterIntakeStates(tx, fresh);
    const entryNos = new Set<string>();
    const batch: Batch = { terminalId: pusher.id, terminalCode: pusher.terminalCode, catalogs, cases: known.cases, intakes: known.intakes, hall: terminal.hall, after, entryNos };
    const commandRows: CommandRow[] = [];
    const caseRows: CaseRow[] = [];
    const noticeRows: NoticeRow[] = [];
    const deliveryRows: DeliveryRow[] = [];
    const feeRows: FeeRow[] = [];
    const eventRows: EventRow[] = [];
    const promiseRows: PromiseRow[] = [];
    const touched = new Set<string>();
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
          // A payment taken at intake may follow in this very batch.
          const feeFen = Number((c.args.derived as { feeFen?: unknown } | undefined)?.feeFen ?? 0);
          after.set(e.intake.caseNo, { terminalId: pusher.id, hall: terminal.hall, status: e.intake.outcome === 'accepted' ? 'received' : null, feeFen: owedFen(e.intake.outcome, feeFen), entries: [], delivery: null, ...gapsOf(e.intake.outcome, c.args.input), promises: [] });
          if (e.intake.outcome === 'accepted') {
            changes.push({ scope: pusher.id, kind: 'case_status', key: e.intake.caseNo, data: { caseNo: e.intake.caseNo, status: 'received', decision: null, note: null, resultDocument: null, at: now, by: BY_CENTRE } });
          }
        } else if (e.kind === 'notice') {
          noticeRows.push({ case_no: v.caseNo, terminal_id: pusher.id, seq: c.seq, action: e.action, document_no: e.documentNo, print_no: e.printNo, data: c.args, received_at: now });
        } else if (e.kind === 'delivery') {
          const state = after.get(e.caseNo);
          if (state) Object.assign(state, { status: 'delivered', delivery: { terminalCode: e.terminalCode, windowNo: e.windowNo, staff: e.staff, at: e.at } });
          deliveryRows.push({ case_no: e.caseNo, terminal_id: pusher.id, seq: c.seq, document_no: e.documentNo, relation: e.relation, data: c.args, received_at: now });
          eventRows.push({ case_no: e.caseNo, status: 'delivered', at: now, by: `${e.terminalCode}/${e.windowNo ?? ''}/${e.staff}` });
          touched.add(e.caseNo);
        } else if (e.kind === 'promise') {
          after.get(e.caseNo)?.promises.push(e.entryId);
          promiseRows.push({ case_no: e.caseNo, entry_id: e.entryId, state: e.state, terminal_id: pusher.id, seq: c.seq, data: c.args, received_at: now });
        } else {
          after.get(e.caseNo)?.entries.push({ entryNo: e.entryNo, kind: e.entryKind, amountFen: e.amountFen, refundOf: e.refundOf });
          entryNos.add(e.entryNo);
          feeRows.push({ entry_no: e.entryNo, case_no: e.caseNo, terminal_id: pusher.id, seq: c.seq, kind: e.entryKind, amount_fen: e.amountFen, refund_of: e.refundOf, data: c.args, received_at: now });
          touched.add(e.caseNo);
        }
      }
      commandRows.push(row);
      applied = c.seq;
    }

    if (commandRows.length > 0) {
      await insertRows(tx, 'commands', commandRows, 'terminal_id uuid, seq bigint, name text, status text, code text, reason text, case_no text, args jsonb, blobs jsonb, created_at text, received_at timestamptz');
      await insertRows(tx, 'cases', caseRows, 'case_no text, terminal_id uuid, terminal_code text, intake_id uuid, day date, outcome text, status text, checked boolean, catalog_version text, data jsonb, received_at timestamptz');
      await insertRows(tx, 'notices', noticeRows, 'case_no text, terminal_id uuid, seq bigint, action text, document_no text, print_no integer, data jsonb, received_at timestamptz');
      await insertRows(tx, 'deliveries', deliveryRows, 'case_no text, terminal_id uuid, seq bigint, document_no text, relation text, data jsonb, received_at timestamptz');
      await insertRows(tx, 'fee_entries', feeRows, 'entry_no text, case_no text, terminal_id uuid, seq bigint, kind text, amount_fen bigint, refund_of text, data jsonb, received_at timestamptz');
      await insertRows(tx, 'case_events', eventRows, 'case_no text, status text, at timestamptz, by text');
      await insertRows(tx, 'promise_records', promiseRows, 'case_no text, entry_id text, state text, terminal_id uuid, seq bigint, data jsonb, received_at timestamptz');
      for (const d of deliveryRows) {
        await tx.query("UPDATE cases SET status = 'delivered', status_at = $2, status_by = $3 WHERE case_no = $1", [d.case_no, now, eventRows.find((r) => r.case_no === d.case_no)?.by ?? BY_CENTRE]);
      }
      await tx.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [pusher.id, applied]);
    }
    // Deliveries and fee entries change what every window of the hall shows of the case.
    changes.push(...(await caseStatusChanges(tx, [...touched])));
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
    const resubmissionOf = (c.args.input as { resubmissionOf?: unknown } | undefined)?.resubmissionOf;
    if (typeof resubmissionOf === 'string') caseNos.add(resubmissionOf);
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

/** The cases named by this batch's deliveries and fee entries, with their hall, step, fee and entries, in three queries. */
async function afterIntakeStates(tx: Queryable, commands: readonly Command[]): Promise<Map<string, CaseState>> {
  const nos = [...new Set(commands.filter((c) => isAfterIntakeCommand(c.name) && typeof c.args.caseNo === 'string').map((c) => c.args.caseNo as string))];
  const out = new Map<string, CaseState>();
  if (nos.length === 0) return out;
  const cases = await tx.query<{ case_no: string; terminal_id: string; hall: string | null; status: string | null; outcome: string; fee_fen: number | null; input: unknown }>(
    `SELECT c.case_no, c.terminal_id, t.hall, c.status, c.outcome, (c.data #>> '{derived,feeFen}')::bigint AS fee_fen,
            jsonb_build_object('gaps', c.data #> '{input,gaps}', 'materials', c.data #> '{input,materials}') AS input
       FROM cases c JOIN terminals t ON t.id = c.terminal_id WHERE c.case_no = ANY($1::text[]) FOR UPDATE OF c`,
    [nos],
  );
  for (const c of cases) {
    out.set(c.case_no, { terminalId: c.terminal_id, hall: c.hall, status: c.status, feeFen: owedFen(c.outcome, Number(c.fee_fen ?? 0)), entries: [], delivery: null, ...gapsOf(c.outcome, c.input), promises: [] });
  }
  const promised = await tx.query<{ case_no: string; entry_id: string }>('SELECT case_no, entry_id FROM promise_records WHERE case_no = ANY($1::text[])', [nos]);
  for (const p of promised) out.get(p.case_no)?.promises.push(p.entry_id);
  const entries = await tx.query<{ case_no: string; entry_no: string; kind: 'payment' | 'refund' | 'waiver'; amount_fen: number; refund_of: string | null }>(
    'SELECT case_no, entry_no, kind, amount_fen, refund_of FROM fee_entries WHERE case_no = ANY($1::text[]) ORDER BY received_at, seq',
    [nos],
  );
  for (const e of entries) out.get(e.case_no)?.entries.push({ entryNo: e.entry_no, kind: e.kind, amountFen: Number(e.amount_fen), refundOf: e.refund_of });
  const deliveries = await tx.query<{ case_no: string; data: { terminalCode?: string; windowNo?: string | null; staff?: string; at?: string } }>('SELECT case_no, data FROM deliveries WHERE case_no = ANY($1::text[])', [nos]);
  for (const d of deliveries) {
    const s = out.get(d.case_no);
    if (s) s.delivery = { terminalCode: d.data.terminalCode ?? '', windowNo: d.data.windowNo ?? null, staff: d.data.staff ?? '', at: d.data.at ?? '' };
  }
  return out;
}

/** An intake's 容缺 state from its input: whether it was accepted with gaps, and what was marked received or exempt. */
function gapsOf(outcome: string, input: unknown): { withGaps: boolean; fulfilled: string[] } {
  const i = (input ?? {}) as { gaps?: unknown; materials?: unknown };
  const marks = Array.isArray(i.materials) ? (i.materials as { entryId?: unknown; status?: unknown }[]) : [];
  return {
    withGaps: outcome === 'accepted' && i.gaps !== null && i.gaps !== undefined,
    fulfilled: marks.filter((m) => m.status === 'received' || m.status === 'exempt').map((m) => String(m.entryId)),
  };
}

/** Many rows in one statement: the rows travel as one JSON parameter, whatever their number. */
async function insertRows(tx: Queryable, table: string, rows: readonly object[], columns: string): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [JSON.stringify(rows)]);
}
