import { owedFen } from '../../core/fees/lines.js';
import type { CaseStatus, HallCase } from '../protocol/index.js';
import type { ChangeWrite } from './changes.js';
import { isoOf, isoOrNull, type Queryable } from './db/types.js';

/**
 * The `case_status` changes of cases, for every terminal that should see them: the window that took
 * the case always; while its result is ready or once it is delivered, every live window of the same
 * hall too (统一出件: any of them may hand it over, and each must see when one did). What a window of
 * the hall gets besides the status is `hallCase`, the case as delivering it needs it. Each change also
 * says what was settled of the fee at OTHER windows (a window adds its own entries), the whole history
 * of steps (the timeline) and, once delivered, where and by whom.
 *
 * Written in the transaction that changed the case, right before writeChanges.
 */
interface CaseRow {
  case_no: string;
  terminal_id: string;
  terminal_code: string;
  outcome: string;
  status: CaseStatus;
  decision: 'approved' | 'not_approved' | null;
  note: string | null;
  result_document: { name: string; sha256: string } | null;
  status_at: unknown;
  status_by: string | null;
  received_at: unknown;
  data: { windowNo?: string | null; derived?: { feeFen?: number; itemCodes?: string[] }; input?: { applicant?: Record<string, unknown>; target?: { bundleCode?: string }; materials?: { entryId: string; status: string; form?: string }[] } };
  hall: string | null;
  window_no: string | null;
}

const SHARED: ReadonlySet<CaseStatus> = new Set(['ready_for_delivery', 'delivered']);

/** The applicant as a window of the hall needs it to check a collector: who, and the ID to compare. */
function partyOf(applicant: Record<string, unknown> | undefined): HallCase['applicant'] {
  const a = applicant ?? {};
  const kind = a.kind === 'organisation' ? 'organisation' : 'person';
  const pick = (o: unknown, keys: string[]): Record<string, unknown> => {
    const r = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
    return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
  };
  return kind === 'organisation'
    ? { kind, name: String(a.name ?? ''), ...pick(a, ['uscc', 'address']), legalRep: pick(a.legalRep, ['idType', 'idNumber', 'name']) }
    : { kind, name: String(a.name ?? ''), ...pick(a, ['idType', 'idNumber', 'address']) };
}

export async function caseStatusChanges(tx: Queryable, caseNos: readonly string[]): Promise<ChangeWrite[]> {
  if (caseNos.length === 0) return [];
  const cases = await tx.query<CaseRow>(
    `SELECT c.case_no, c.terminal_id, c.terminal_code, c.outcome, c.status, c.decision, c.note, c.result_document, c.status_at, c.status_by, c.received_at, c.data, t.hall, t.window_no
       FROM cases c JOIN terminals t ON t.id = c.terminal_id
      WHERE c.case_no = ANY($1::text[]) AND c.status IS NOT NULL`,
    [[...caseNos]],
  );
  if (cases.length === 0) return [];
  const nos = cases.map((c) => c.case_no);
  const events = await tx.query<{ case_no: string; status: CaseStatus; at: unknown; by: string }>('SELECT case_no, status, at, by FROM case_events WHERE case_no = ANY($1::text[]) ORDER BY id', [nos]);
  const fees = await tx.query<{ case_no: string; terminal_id: string; settled: number }>(
    `SELECT case_no, terminal_id, sum(CASE kind WHEN 'refund' THEN -amount_fen ELSE amount_fen END)::bigint AS settled FROM fee_entries WHERE case_no = ANY($1::text[]) GROUP BY case_no, terminal_id`,
    [nos],
  );
  const deliveries = await tx.query<{ case_no: string; relation: string; data: { terminalCode?: string; windowNo?: string | null; staff?: string; at?: string } }>(
    'SELECT case_no, relation, data FROM deliveries WHERE case_no = ANY($1::text[])',
    [nos],
  );
  const halls = [...new Set(cases.filter((c) => SHARED.has(c.status) && c.hall !== null).map((c) => c.hall as string))];
  const hallTerminals = halls.length === 0 ? [] : await tx.query<{ id: string; hall: string }>('SELECT id, hall FROM terminals WHERE hall = ANY($1::text[]) AND revoked_at IS NULL', [halls]);

  const out: ChangeWrite[] = [];
  for (const c of cases) {
    const history = [
      { status: 'received' as const, at: isoOf(c.received_at), by: 'central' },
      ...events.filter((e) => e.case_no === c.case_no).map((e) => ({ status: e.status, at: isoOf(e.at), by: e.by })),
    ];
    const d = deliveries.find((x) => x.case_no === c.case_no);
    const delivery = d ? { terminalCode: d.data.terminalCode ?? '', windowNo: d.data.windowNo ?? null, staff: d.data.staff ?? '', relation: d.relation, at: d.data.at ?? '' } : null;
    const base = {
      caseNo: c.case_no, status: c.status, decision: c.decision, note: c.note, resultDocument: c.result_document,
      at: isoOrNull(c.status_at) ?? isoOf(c.received_at), by: c.status_by ?? 'central', history, delivery,
    };
    const settledBesides = (terminalId: string): number =>
      Math.max(0, fees.filter((f) => f.case_no === c.case_no && f.terminal_id !== terminalId).reduce((s, f) => s + Number(f.settled), 0));
    out.push({ scope: c.terminal_id, kind: 'case_status', key: c.case_no, data: { ...base, hallCase: null, settledElsewhereFen: settledBesides(c.terminal_id) } });
    if (!SHARED.has(c.status) || c.hall === null) continue;
    const hallCase: HallCase = {
      terminalCode: c.terminal_code,
      windowNo: c.data.windowNo ?? c.window_no,
      receivedAt: isoOf(c.received_at),
      applicant: partyOf(c.data.input?.applicant),
      itemCodes: c.data.derived?.itemCodes ?? [],
      bundleCode: c.data.input?.target?.bundleCode ?? null,
      feeFen: owedFen(c.outcome, c.data.derived?.feeFen ?? 0),
      originals: (c.data.input?.materials ?? []).filter((m) => m.status === 'received' && (m.form === 'original' || m.form === 'original_and_copy')).map((m) => m.entryId),
    };
    for (const t of hallTerminals) {
      if (t.hall !== c.hall || t.id === c.terminal_id) continue;
      out.push({ scope: t.id, kind: 'case_status', key: c.case_no, data: { ...base, hallCase, settledElsewhereFen: settledBesides(t.id) } });
    }
  }
  return out;
}
