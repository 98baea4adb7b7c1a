import type { Database } from 'better-sqlite3';
import { applicantSchema, type Applicant } from '../../core/applicant/index.js';
import { formatCaseNumber } from '../../core/intake/case-number.js';
import { planIntake } from '../../core/intake/plan.js';
import type { AcceptInput, CompleteInput, CorrectionInput, RejectInput } from '../../core/intake/schema.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import type { CommandOf, IntakeCommandName, IntakeEnvelope } from '../../sync/protocol/index.js';
import { reasonOf } from '../handlers/zod-issues.js';
import { requireSupervisor } from '../auth/supervisor.js';
import { appendAudit } from '../db/audit.js';
import { durable } from '../db/durable.js';
import { enqueueCommand } from '../db/outbox.js';
import { attachScans, prepareCaseScans } from '../scanning/case-scans.js';
import { stmt } from '../db/statements.js';
import { getSetting } from '../db/settings.js';
import { requireCatalog } from '../handlers/catalog.js';
import type { HandlerContext } from '../handlers/context.js';
import { refuseWhileBehind } from '../sync/state.js';
import { caseSummary, type CaseSummary } from './queries.js';
import { insertCase, nextSeq, upsertApplicant } from './store.js';

export type IntakeRequest =
  | { outcome: 'accepted'; input: AcceptInput }
  | { outcome: 'correction'; input: CorrectionInput }
  | { outcome: 'rejected'; input: RejectInput }
  | { outcome: 'completed'; input: CompleteInput };

/**
 * The outbox command of an intake: what the central service re-validates and applies. The switch keeps
 * each name with its outcome and input, as the name's schema (sync/protocol/commands.ts) wants them.
 */
function intakeCommand(req: IntakeRequest, applicant: Applicant, envelope: IntakeEnvelope): CommandOf<IntakeCommandName> {
  const sealed = <I extends { supervisorPassword?: string | undefined }>(input: I) => {
    const { supervisorPassword: _secret, ...rest } = input;
    return { ...rest, applicant };
  };
  switch (req.outcome) {
    case 'accepted': return { name: 'acceptCase', args: { ...envelope, outcome: req.outcome, input: sealed(req.input) } };
    case 'correction': return { name: 'requestCorrection', args: { ...envelope, outcome: req.outcome, input: sealed(req.input) } };
    case 'rejected': return { name: 'rejectCase', args: { ...envelope, outcome: req.outcome, input: sealed(req.input) } };
    case 'completed': return { name: 'completeCase', args: { ...envelope, outcome: req.outcome, input: sealed(req.input) } };
  }
}

// Building the applicant schema costs ~230 µs and much garbage; it depends only on the day.
let schemaOfDay: { day: string; schema: ReturnType<typeof applicantSchema> } | null = null;

function validateApplicant(raw: unknown, today: string): Applicant {
  if (schemaOfDay?.day !== today) schemaOfDay = { day: today, schema: applicantSchema(today) };
  const parsed = schemaOfDay.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ['applicant', ...(issue?.path.map(String) ?? [])].join('.');
  throw new DomainError('invalid_input', issue?.message ?? 'invalid applicant', field, issue ? reasonOf(issue) : undefined);
}

/** A supervisor signs off a failed credit-code check at the counter with their own password. */
async function checkOverride(ctx: HandlerContext, applicant: Applicant, password: string | undefined): Promise<string | null> {
  if (applicant.kind !== 'organisation' || !applicant.usccOverride) return null;
  return (await requireSupervisor(ctx, applicant.usccOverride.supervisor, password, 'supervisorPassword', 'applicant.uscc_override')).login;
}

const alreadyDecided = (db: Database, intakeId: string): boolean => stmt(db, 'SELECT 1 FROM cases WHERE intake_id = ?').get(intakeId) !== undefined;
const ALREADY_DECIDED = (): DomainError => new DomainError('conflict', 'this intake has already been submitted', 'intakeId', 'already_decided');

/**
 * One intake outcome: validates the applicant and the rules, then writes the applicant, the case with its
 * items and materials, the audit entries and the outbox command in ONE transaction.
 */
export async function submitIntake(ctx: HandlerContext, req: IntakeRequest): Promise<CaseSummary> {
  const { db } = ctx.store;
  const staff = ctx.session.requireStaff();
  const loaded = requireCatalog(ctx);
  const started = ctx.clock.nowIso();
  const today = businessDay(started);
  const applicant = validateApplicant(req.input.applicant, today);
  const plan = planIntake({ catalog: loaded.catalog, calendar: loaded.calendar, today }, req);
  const terminalCode = getSetting(db, 'terminal_code');
  if (!terminalCode) throw new DomainError('unavailable', 'this terminal has no terminal code yet', undefined, 'terminal_not_set');
  const windowNo = getSetting(db, 'window_no');

  if (ctx.scanners.isBusy(req.input.intakeId)) {
    throw new DomainError('conflict', 'wait for the scan to finish or cancel it', 'scans', 'scan_in_progress');
  }
  if (alreadyDecided(db, req.input.intakeId)) throw ALREADY_DECIDED();
  // The supervisor's sign-off after every other check: a right password is not told apart from a
  // wrong one by a refusal that would have come anyway.
  const overrideBy = await checkOverride(ctx, applicant, req.input.supervisorPassword);
  // Material PDFs are assembled and fsynced before the transaction that points at them.
  const materialNames = new Map(plan.materials.map((m) => [m.entryId, m.name['zh-CN']]));
  const scans = await prepareCaseScans(db, ctx.blobs, req.input.intakeId, new Set(materialNames.keys()), (entryId) => materialNames.get(entryId) ?? entryId);

  // Durable: the case number goes onto the notice the applicant takes home.
  const { caseNo, seq } = durable(db, () => {
    refuseWhileBehind(db);
    if (alreadyDecided(db, req.input.intakeId)) throw ALREADY_DECIDED();
    const now = ctx.clock.nowIso();
    const no = formatCaseNumber(terminalCode, today, nextSeq(db, today));
    // The command carries what the centre needs to re-run planIntake and check it agrees; the plan's
    // materials and titles are derived data and stay out of it.
    const { materials: _m, title: _t, ...derived } = plan;
    // Scans travel as one PDF per material (uploaded first); the page hashes say what it was made from.
    const scanRefs = scans.materials.map((m) => ({ entryId: m.entryId, pdf: m.pdf, bytes: m.bytes, pageCount: m.pageCount, pages: m.pages }));
    // catalogVersion: the centre re-plans with exactly the catalog this counter planned with.
    const command = intakeCommand(req, applicant, { caseNo: no, terminalCode, day: today, decidedAt: now, staff: staff.login, windowNo, catalogVersion: loaded.catalog.catalogVersion, derived, scans: scanRefs });
    const applicantId = upsertApplicant(db, applicant, now);
    // The case keeps only what its columns do not: the applicant as they were, and the refusal's wording.
    const snapshot = { applicant, rejectReason: plan.rejectReason ?? null, competentAuthority: plan.competentAuthority ?? null };
    const caseId = insertCase(db, { caseNo: no, intakeId: req.input.intakeId, day: today, plan, applicantId, applicant, staffId: staff.id, windowNo, now, data: snapshot });
    if (overrideBy && applicant.kind === 'organisation') {
      appendAudit(db, ctx.clock, { actor: overrideBy, action: 'applicant.uscc_override', subject: no, details: { uscc: applicant.uscc, reason: applicant.usccOverride?.reason ?? '' } });
    }
    appendAudit(db, ctx.clock, {
      actor: staff.login,
      action: `case.${req.outcome}`,
      subject: no,
      details: { title: plan.title['zh-CN'], items: plan.itemCodes, withGaps: plan.withGaps, dueDate: plan.dueDate ?? null, deadline: plan.deadline ?? null, scans: scans.materials.map((m) => ({ entryId: m.entryId, pages: m.pageCount, pdf: m.pdf })) },
    });
    attachScans(db, ctx.blobs, scans, caseId);
    const queued = enqueueCommand(db, ctx.clock, command.name, command.args, scans.materials.map((m) => m.pdf));
    return { caseNo: no, seq: queued };
  });
  ctx.log.info({ caseNo, intakeId: req.input.intakeId, outcome: req.outcome, seq, materials: scans.materials.length }, 'intake committed');
  ctx.events.emit('cases.changed', { caseNo });
  const summary = caseSummary(db, caseNo);
  if (!summary) throw new Error(`case ${caseNo} vanished after commit`);
  return summary;
}
