import type { Database } from 'better-sqlite3';
import type { CentralCaseStatus } from '../../core/api/contract-sync.js';
import { parseCatalog, type Catalog } from '../../core/catalog/schema.js';
import type { Clock } from '../../core/ports.js';
import { writeCatalog } from '../catalog/store.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { caseStatusDataSchema, rejectionDataSchema, terminalKeyDataSchema, type CaseStatus, type Change } from '../../sync/protocol/index.js';
import { SyncFailure } from './failure.js';
import { saveCheckpoint } from './state.js';

// The window's and the centre's names for the back office's steps must be the same list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameStatuses: Same<CaseStatus, CentralCaseStatus> = true;

/** What a committed page changed that the app must react to (in memory and on screen). */
export interface AppliedPage {
  /** The catalog now in the store, when this page replaced it. */
  catalog: Catalog | null;
  /** Cases whose centre status changed (or was withdrawn). */
  cases: string[];
  /** Rejections that arrived for the first time. */
  newRejections: number;
  changes: number;
}

type Parsed =
  | { seq: number; kind: 'catalog'; catalog: Catalog | null }
  | { seq: number; kind: 'case_status'; caseNo: string; data: ReturnType<typeof caseStatusDataSchema.parse> | null }
  | { seq: number; kind: 'rejection'; seqAtCentre: number; data: ReturnType<typeof rejectionDataSchema.parse> | null }
  | { seq: number; kind: 'terminal_key'; terminalCode: string; data: ReturnType<typeof terminalKeyDataSchema.parse> | null };

function bad(change: Change, why: string): SyncFailure {
  return new SyncFailure('bad_change', `change ${change.seq} (${change.kind} ${change.key}) from the centre is not usable: ${why}`, 'attention', null, { seq: change.seq, kind: change.kind });
}

/** Validates every change of a page before anything is written (a bad one stops the page whole). */
function parseChange(change: Change): Parsed {
  const { seq, kind, data } = change;
  switch (kind) {
    case 'catalog': {
      if (data === null) return { seq, kind, catalog: null };
      const r = parseCatalog(data);
      if (!r.ok) throw bad(change, `the catalog has ${r.errors.length} error(s), first ${r.errors[0]?.path}: ${r.errors[0]?.message}`);
      return { seq, kind, catalog: r.catalog };
    }
    case 'case_status': {
      if (data === null) return { seq, kind, caseNo: change.key, data: null };
      const r = caseStatusDataSchema.safeParse(data);
      if (!r.success) throw bad(change, r.error.issues[0]?.message ?? 'wrong shape');
      return { seq, kind, caseNo: change.key, data: r.data };
    }
    case 'rejection': {
      const seqAtCentre = Number(change.key);
      if (!Number.isInteger(seqAtCentre) || seqAtCentre < 1) throw bad(change, 'its key is not a command seq');
      if (data === null) return { seq, kind, seqAtCentre, data: null };
      const r = rejectionDataSchema.safeParse(data);
      if (!r.success) throw bad(change, r.error.issues[0]?.message ?? 'wrong shape');
      return { seq, kind, seqAtCentre, data: r.data };
    }
    case 'terminal_key': {
      if (data === null) return { seq, kind, terminalCode: change.key, data: null };
      const r = terminalKeyDataSchema.safeParse(data);
      if (!r.success) throw bad(change, r.error.issues[0]?.message ?? 'wrong shape');
      return { seq, kind, terminalCode: change.key, data: r.data };
    }
  }
}

interface StatusRow {
  status: string;
  decision: string | null;
  note: string | null;
  result_document: string | null;
  at: string;
  delivery: string | null;
  settled_elsewhere_fen: number;
}

/**
 * Applies one page of pulled changes AND the checkpoint after it in ONE SQLite transaction: after a
 * crash or an error, either all of the page is in the store and the checkpoint is past it, or none
 * is and the page is pulled again. Changes arrive in the server's seq order and are applied in it;
 * nothing here looks at this terminal's clock except to stamp when it pulled.
 */
export function applyPage(db: Database, clock: Clock, terminal: { terminalId: string; seqOffset: number }, changes: readonly Change[], checkpoint: number): AppliedPage {
  const parsed = changes.map(parseChange);
  const result: AppliedPage = { catalog: null, cases: [], newRejections: 0, changes: changes.length };
  db.transaction(() => {
    const now = clock.nowIso();
    for (const c of parsed) {
      switch (c.kind) {
        case 'catalog':
          // A window cannot work without a catalog: a withdrawn one leaves the current in place.
          if (!c.catalog) break;
          writeCatalog(db, c.catalog, `central:${c.seq}`, now);
          appendAudit(db, clock, { actor: null, action: 'sync.catalog', details: { catalogVersion: c.catalog.catalogVersion, items: c.catalog.items.length, changeSeq: c.seq } });
          result.catalog = c.catalog;
          break;
        case 'case_status':
          if (applyCaseStatus(db, c.caseNo, c.data, c.seq)) result.cases.push(c.caseNo);
          break;
        case 'rejection':
          if (applyRejection(db, terminal, c.seqAtCentre, c.data)) result.newRejections += 1;
          break;
        case 'terminal_key':
          if (c.data) {
            stmt(db, `INSERT INTO known_terminal_keys (terminal_code, public_key, revoked_at, change_seq) VALUES (?, ?, ?, ?)
                      ON CONFLICT (terminal_code) DO UPDATE SET public_key = excluded.public_key, revoked_at = excluded.revoked_at, change_seq = excluded.change_seq`).run(
              c.terminalCode, c.data.publicKey, c.data.revokedAt, c.seq,
            );
          } else {
            stmt(db, 'DELETE FROM known_terminal_keys WHERE terminal_code = ?').run(c.terminalCode);
          }
          break;
      }
    }
    saveCheckpoint(db, checkpoint, now);
  })();
  result.cases = [...new Set(result.cases)];
  return result;
}

/** Upserts (or, for a tombstone, removes) a case's centre status; true when what the case list shows changed. */
function applyCaseStatus(db: Database, caseNo: string, data: Extract<Parsed, { kind: 'case_status' }>['data'], seq: number): boolean {
  const before = stmt<StatusRow>(db, 'SELECT status, decision, note, result_document, at, delivery, settled_elsewhere_fen FROM central_case_status WHERE case_no = ?').get(caseNo);
  if (!data) {
    stmt(db, 'DELETE FROM central_case_status WHERE case_no = ?').run(caseNo);
    return before !== undefined;
  }
  const doc = data.resultDocument ? JSON.stringify(data.resultDocument) : null;
  const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
  // A centre before issue 14 sends no history, hall case, delivery or fee settled elsewhere: kept empty.
  const extra = { history: json(data.history), hallCase: json(data.hallCase), delivery: json(data.delivery), elsewhere: data.settledElsewhereFen ?? 0 };
  const search = searchFields(db, caseNo, data.hallCase ?? null);
  stmt(db, `INSERT INTO central_case_status (case_no, status, decision, note, result_document, at, by, change_seq, history, hall_case, delivery, settled_elsewhere_fen,
              applicant_name, applicant_id, item_codes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (case_no) DO UPDATE SET status = excluded.status, decision = excluded.decision, note = excluded.note,
              result_document = excluded.result_document, at = excluded.at, by = excluded.by, change_seq = excluded.change_seq,
              history = excluded.history, hall_case = excluded.hall_case, delivery = excluded.delivery, settled_elsewhere_fen = excluded.settled_elsewhere_fen,
              applicant_name = excluded.applicant_name, applicant_id = excluded.applicant_id, item_codes = excluded.item_codes`).run(
    caseNo, data.status, data.decision, data.note, doc, data.at, data.by, seq, extra.history, extra.hallCase, extra.delivery, extra.elsewhere, search.name, search.id, search.items,
  );
  return (
    !before || before.status !== data.status || before.decision !== data.decision || before.note !== data.note || before.result_document !== doc || before.at !== data.at ||
    before.delivery !== extra.delivery || before.settled_elsewhere_fen !== extra.elsewhere
  );
}

/**
 * What the delivery work list searches a case by, beside its status: from this store's case, or for a
 * case of another window of the hall from what the centre sent (its applicant and items).
 */
export function searchFields(db: Database, caseNo: string, hall: { applicant: Record<string, unknown>; itemCodes: string[] } | null): { name: string | null; id: string | null; items: string | null } {
  if (hall) {
    const id = hall.applicant.idNumber ?? hall.applicant.uscc;
    return { name: String(hall.applicant.name ?? ''), id: typeof id === 'string' ? id : null, items: `|${hall.itemCodes.join('|')}|` };
  }
  const row = stmt<{ applicant_name: string; applicant_id_number: string; items: string | null }>(
    db,
    "SELECT c.applicant_name, c.applicant_id_number, (SELECT group_concat(item_code, '|') FROM case_items WHERE case_id = c.id) AS items FROM cases c WHERE c.case_no = ?",
  ).get(caseNo);
  return row ? { name: row.applicant_name, id: row.applicant_id_number, items: `|${row.items ?? ''}|` } : { name: null, id: null, items: null };
}

/** Records a refused command (kept if a supervisor already handled it); true when it is new here. */
function applyRejection(db: Database, terminal: { terminalId: string; seqOffset: number }, seqAtCentre: number, data: Extract<Parsed, { kind: 'rejection' }>['data']): boolean {
  const outboxSeq = seqAtCentre + terminal.seqOffset;
  if (!data) {
    // Withdrawn by the centre: only an unhandled one disappears; a handled one is history.
    stmt(db, 'DELETE FROM sync_rejections WHERE outbox_seq = ? AND handled_at IS NULL').run(outboxSeq);
    return false;
  }
  const existed = stmt(db, 'SELECT 1 FROM sync_rejections WHERE outbox_seq = ?').get(outboxSeq) !== undefined;
  stmt(db, `INSERT INTO sync_rejections (outbox_seq, terminal_id, seq, name, case_no, code, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (outbox_seq) DO UPDATE SET name = excluded.name, case_no = excluded.case_no, code = excluded.code, reason = excluded.reason, at = excluded.at`).run(
    outboxSeq, terminal.terminalId, seqAtCentre, data.name, data.caseNo, data.code, data.reason, data.at,
  );
  return !existed;
}
