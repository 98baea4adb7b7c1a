import type { Database } from 'better-sqlite3';
import type { Applicant } from '../../core/applicant/index.js';
import { WorkingCalendar } from '../../core/calendar/working-days.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { parseCaseNumber } from '../../core/intake/case-number.js';
import { planIntake, type CasePlan } from '../../core/intake/plan.js';
import type { Clock } from '../../core/ports.js';
import { commandArgsSchemas, isCommandName, isIntakeCommand, type IntakeCommandName, type ParsedCommandArgs, type RecoveredCommand } from '../../sync/protocol/index.js';
import { insertCase, raiseCaseCounter, upsertApplicant } from '../cases/store.js';
import { readCatalog } from '../catalog/store.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { keepRecovered } from './sent.js';

/**
 * Replays commands the centre holds into a store that lost them (recover.ts): the cases with their
 * applicants, items and materials, the notices printed and voided, the day's case counters, and the
 * refusals, each journaled. It writes what the counter wrote when the command was made, from the
 * command alone: the case as the command describes it (planned again with the store's catalog for
 * its titles and checklist; what was decided, fee, due date and deadline are the command's own).
 * Material PDFs stay at the centre: a case recovered here names none (case_scans stays empty).
 */

type IntakeArgs = ParsedCommandArgs<IntakeCommandName>;

export interface ReplayContext {
  catalog: Catalog | null;
  calendar: WorkingCalendar | null;
  /** Staff ids by login (a login this store does not know gets an inactive placeholder). */
  staff: Map<string, number>;
}

export interface ReplayCounts {
  cases: number;
  notices: number;
  rejections: number;
  skipped: number;
}

export function replayContext(db: Database): ReplayContext {
  const catalog = readCatalog(db);
  return { catalog, calendar: catalog ? new WorkingCalendar(catalog.calendar) : null, staff: new Map() };
}

/** Inside the caller's transaction: one page of recovered commands, in seq order. */
export function replayCommands(db: Database, clock: Clock, rc: ReplayContext, terminal: { terminalId: string; seqOffset: number }, commands: readonly RecoveredCommand[]): ReplayCounts {
  const counts: ReplayCounts = { cases: 0, notices: 0, rejections: 0, skipped: 0 };
  for (const c of commands) {
    // A repeat of an earlier seq (never applied), or a name this terminal does not know: only its seq counts.
    if (c.status === 'duplicate' || c.args === null || !isCommandName(c.name)) {
      counts.skipped += 1;
      continue;
    }
    // Kept as acknowledged, like a command this store sent: a centre restored later gets it again.
    keepRecovered(db, { outboxSeq: c.seq + terminal.seqOffset, id: c.id, hash: c.hash, name: c.name, args: c.args, createdAt: c.createdAt, blobs: c.blobs }, clock.nowIso());
    if (isIntakeCommand(c.name)) {
      const parsed = commandArgsSchemas[c.name].safeParse(c.args);
      // A refused intake may be refused for its shape: its number was still issued here.
      if (parsed.success) {
        if (replayIntake(db, clock, rc, c, parsed.data)) counts.cases += 1;
      } else {
        raiseCounterOf(db, c.args.caseNo);
      }
    } else if (c.status === 'applied') {
      const parsed = commandArgsSchemas[c.name].safeParse(c.args);
      if (parsed.success && replayNotice(db, clock, rc, c.name, parsed.data)) counts.notices += 1;
    }
    if (c.status === 'rejected') {
      const caseNo = typeof c.args.caseNo === 'string' ? c.args.caseNo : null;
      const info = stmt(db, `INSERT INTO sync_rejections (outbox_seq, terminal_id, seq, name, case_no, code, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (outbox_seq) DO NOTHING`).run(c.seq + terminal.seqOffset, terminal.terminalId, c.seq, c.name, caseNo, c.code ?? 'rejected', c.reason ?? '', clock.nowIso());
      counts.rejections += info.changes;
    }
  }
  return counts;
}

function raiseCounterOf(db: Database, caseNo: unknown): void {
  const no = typeof caseNo === 'string' ? parseCaseNumber(caseNo) : null;
  if (no) raiseCaseCounter(db, no.day, no.seq);
}

/** A login of the command that this store does not know: an inactive staff row without a password (nobody can sign in as it). */
function staffId(db: Database, rc: ReplayContext, login: string, at: string): number {
  const known = rc.staff.get(login);
  if (known !== undefined) return known;
  const row = stmt<{ id: number }>(db, 'SELECT id FROM staff WHERE login = ?').get(login);
  const id = row?.id ?? Number(stmt(db, "INSERT INTO staff (login, display_name, role, password_hash, active, created_at) VALUES (?, ?, 'clerk', NULL, 0, ?)").run(login, login, at).lastInsertRowid);
  rc.staff.set(login, id);
  return id;
}

/** The plan as the counter made it: the store's catalog for titles and checklist, the command for what was decided. */
function planOf(rc: ReplayContext, a: IntakeArgs): CasePlan {
  const d = a.derived;
  const decided = {
    outcome: a.outcome,
    itemCodes: d.itemCodes,
    feeFen: d.feeFen,
    ...(d.dueDate ? { dueDate: d.dueDate } : {}),
    ...(d.deadline ? { deadline: d.deadline } : {}),
  };
  if (rc.catalog && rc.calendar) {
    try {
      const plan = planIntake({ catalog: rc.catalog, calendar: rc.calendar, today: a.day }, { outcome: a.outcome, input: a.input } as Parameters<typeof planIntake>[1]);
      const { dueDate: _d, deadline: _l, ...rest } = plan;
      return { ...rest, ...decided };
    } catch {
      // The store's catalog is not the one the case was made with: the command's own words below.
    }
  }
  const input = a.input as { materials: { entryId: string; status: CasePlan['materials'][number]['status']; form?: never; copies?: number; pages?: number }[]; gaps?: unknown; reason?: string; competentAuthority?: string };
  const title = { 'zh-CN': d.itemCodes.join('、'), en: d.itemCodes.join('; ') };
  return {
    ...decided,
    withGaps: input.gaps !== undefined,
    title,
    materials: input.materials.map((m) => ({ entryId: m.entryId, name: { 'zh-CN': m.entryId, en: m.entryId }, required: false, key: false, status: m.status, ...(m.copies ? { copies: m.copies } : {}), ...(m.pages !== undefined ? { pages: m.pages } : {}) })),
    legalLimitDays: 0,
    promisedLimitDays: 0,
    ...(input.reason ? { rejectReason: input.reason } : {}),
    ...(input.competentAuthority ? { competentAuthority: input.competentAuthority } : {}),
  };
}

function replayIntake(db: Database, clock: Clock, rc: ReplayContext, c: RecoveredCommand, a: IntakeArgs): boolean {
  raiseCounterOf(db, a.caseNo);
  if (stmt(db, 'SELECT 1 FROM cases WHERE case_no = ? OR intake_id = ?').get(a.caseNo, a.input.intakeId)) return false;
  const plan = planOf(rc, a);
  // The command carries the applicant as the counter validated it (core's parsed output).
  const applicant = a.input.applicant as unknown as Applicant;
  const applicantId = upsertApplicant(db, applicant, a.decidedAt);
  const snapshot = { applicant, rejectReason: plan.rejectReason ?? null, competentAuthority: plan.competentAuthority ?? null };
  insertCase(db, { caseNo: a.caseNo, intakeId: a.input.intakeId, day: a.day, plan, applicantId, applicant, staffId: staffId(db, rc, a.staff, a.decidedAt), windowNo: a.windowNo, now: a.decidedAt, data: snapshot });
  appendAudit(db, clock, { actor: null, action: 'case.recovered', subject: a.caseNo, details: { seq: c.seq, outcome: a.outcome, staff: a.staff, decidedAt: a.decidedAt, status: c.status } });
  return true;
}

function replayNotice(db: Database, clock: Clock, rc: ReplayContext, name: 'printNotice' | 'voidNotice' | IntakeCommandName, raw: unknown): boolean {
  const a = raw as { caseNo: string; kind: string; documentNo: string; printNo: number; staff: string };
  const caseRow = stmt<{ id: number }>(db, 'SELECT id FROM cases WHERE case_no = ?').get(a.caseNo);
  if (!caseRow) return false;
  if (name === 'printNotice') {
    const p = raw as ParsedCommandArgs<'printNotice'>;
    const layout = p.layout === 'receipt' ? 'receipt' : 'a4';
    const info = stmt(db, `INSERT INTO notices (case_id, kind, document_no, print_no, layout, language, printer, job_id, printed_at, staff_id)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, kind, print_no) DO NOTHING`).run(
      caseRow.id, p.kind, p.documentNo, p.printNo, layout, p.language ?? 'zh-CN', p.printer ?? '', p.jobId ?? null, p.printedAt, staffId(db, rc, p.staff, p.printedAt),
    );
    if (info.changes > 0) appendAudit(db, clock, { actor: null, action: 'notice.recovered', subject: a.caseNo, details: { documentNo: p.documentNo, kind: p.kind, printNo: p.printNo, staff: p.staff } });
    return info.changes > 0;
  }
  if (name === 'voidNotice') {
    const v = raw as ParsedCommandArgs<'voidNotice'>;
    const info = stmt(db, 'UPDATE notices SET voided_at = ?, voided_by = ?, void_reason = ? WHERE case_id = ? AND kind = ? AND print_no = ? AND voided_at IS NULL').run(
      v.voidedAt, v.supervisor, v.reason, caseRow.id, v.kind, v.printNo,
    );
    if (info.changes > 0) appendAudit(db, clock, { actor: null, action: 'notice.void_recovered', subject: a.caseNo, details: { documentNo: v.documentNo, kind: v.kind, printNo: v.printNo, supervisor: v.supervisor } });
    return info.changes > 0;
  }
  return false;
}
