import { applicantSchema, type ApplicantSchema } from '../../../core/applicant/index.js';
import { parseCaseNumber } from '../../../core/intake/case-number.js';
import { planIntake, type CasePlan } from '../../../core/intake/plan.js';
import type { IntakeOutcome } from '../../../core/intake/schema.js';
import { DomainError } from '../../../core/result.js';
import type { IntakeCommandName, ParsedCommandArgs } from '../../protocol/index.js';
import type { PublishedCatalog } from '../catalogs.js';
import { codeOf, describe } from './issues.js';
import type { Batch, Refusal, Verdict } from './verdict.js';

/** An intake command's args, parsed with its schema (sync/protocol/commands.ts): outcome and input agree with its name. */
type IntakeArgs = ParsedCommandArgs<IntakeCommandName>;

export interface AcceptedIntake {
  caseNo: string;
  intakeId: string;
  day: string;
  outcome: IntakeOutcome;
  /** false: no catalog was published, so the plan could not be checked. */
  checked: boolean;
  catalogVersion: string | null;
}

const applicantSchemas = new Map<string, ApplicantSchema>();
/** Building the applicant schema costs ~0.2 ms; it depends only on the day, and a push has few days. */
function applicantSchemaOf(day: string): ApplicantSchema {
  let schema = applicantSchemas.get(day);
  if (!schema) {
    if (applicantSchemas.size >= 64) applicantSchemas.clear();
    applicantSchemas.set(day, (schema = applicantSchema(day)));
  }
  return schema;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The command carries the applicant as core's schema OUTPUT (normalised, with `birthDate` and `sex`
 * read from the ID number); the schema's input is strict and refuses those two derived keys. They are
 * dropped (on the applicant, its agent and its legal representative) and recomputed by the parse.
 */
function asApplicantInput(applicant: unknown): unknown {
  const strip = (o: Record<string, unknown>): Record<string, unknown> => {
    const { birthDate: _b, sex: _s, ...rest } = o;
    return rest;
  };
  if (!isRecord(applicant)) return applicant;
  const out = strip(applicant);
  if (isRecord(out.agent)) out.agent = strip(out.agent);
  if (isRecord(out.legalRep)) out.legalRep = strip(out.legalRep);
  return out;
}

/** The intake command's day and named catalog, before judging (to load the catalogs a push needs). */
export function intakeWants(args: unknown): { day: string; named?: string } | null {
  const a = args as { day?: unknown; catalogVersion?: unknown };
  return typeof a.day === 'string' ? { day: a.day, ...(typeof a.catalogVersion === 'string' ? { named: a.catalogVersion } : {}) } : null;
}

/**
 * Re-validates an intake command with core's rules, as the terminal did offline (its shape, outcome and
 * input were parsed with its schema already): that it is this terminal's case, the applicant (for the
 * command's day), the plan (items, materials, fee, due date or deadline) against the catalog it was most
 * likely made with, and that neither its case number nor its intake is on the server yet.
 */
export function judgeIntake(args: IntakeArgs, batch: Batch): Verdict {
  const refuse = (code: string, reason: string): Verdict => ({ ok: false, caseNo: args.caseNo, code, reason });
  const checked = checkIntake(args, batch);
  if (!checked.ok) return checked;
  const { intake } = checked;
  if (batch.cases.has(intake.caseNo)) return refuse('case_no_duplicate', `case ${intake.caseNo} is already on the server`);
  if (batch.intakes.has(intake.intakeId.toLowerCase())) return refuse('intake_duplicate', `intake ${intake.intakeId} was already submitted`);
  // 补正: the correction it answers came from this window first (the outbox keeps that order).
  const original = args.input.resubmissionOf;
  if (original !== undefined && batch.cases.get(original) !== batch.terminalId) return refuse('resubmission_unknown', `case ${original}, which this intake answers, is not on the server for this terminal`);
  return { ok: true, caseNo: intake.caseNo, effect: { kind: 'case', intake } };
}

function checkIntake(args: IntakeArgs, batch: Batch): { ok: true; intake: AcceptedIntake } | Refusal {
  const refuse = (code: string, reason: string): Refusal => ({ ok: false, caseNo: args.caseNo, code, reason });
  if (args.terminalCode !== batch.terminalCode) return refuse('terminal_code_mismatch', `the command was made by terminal ${args.terminalCode}, but this is terminal ${batch.terminalCode}`);
  const no = parseCaseNumber(args.caseNo);
  if (!no || no.terminalCode !== batch.terminalCode || !args.caseNo.startsWith(`${batch.terminalCode}-`)) {
    return refuse('case_no_prefix', `case number ${args.caseNo} does not start with this terminal's code ${batch.terminalCode}`);
  }
  if (no.day !== args.day) return refuse('case_no_day', `case number ${args.caseNo} is not of the command's day ${args.day}`);

  const applicant = applicantSchemaOf(args.day).safeParse(asApplicantInput(args.input.applicant));
  if (!applicant.success) return refuse(codeOf(applicant.error.issues[0]) ?? 'applicant_invalid', describe(applicant.error.issues[0], 'input.applicant'));

  const { outcome } = args;
  const accepted = (checked: boolean, catalogVersion: string | null) => ({
    ok: true as const,
    intake: { caseNo: args.caseNo, intakeId: args.input.intakeId, day: args.day, outcome, checked, catalogVersion },
  });
  const candidates = batch.catalogs(args.day, args.catalogVersion);
  // No catalog published yet: refusing would lose real cases, so they are kept, marked unchecked.
  if (candidates.length === 0) return accepted(false, null);

  let first: Refusal | null = null;
  for (const c of candidates) {
    const verdict = planAgainst(c, outcome, args.input, args);
    if (verdict === null) return accepted(true, c.version);
    first ??= refuse(verdict.code, verdict.reason);
  }
  return first ?? refuse('plan_mismatch', 'no catalog agrees');
}

/** null when core's plan with this catalog agrees with what the terminal derived; else why not. */
function planAgainst(c: PublishedCatalog, outcome: IntakeOutcome, input: unknown, args: IntakeArgs): { code: string; reason: string } | null {
  let plan: CasePlan;
  try {
    plan = planIntake({ catalog: c.catalog, calendar: c.calendar, today: args.day }, { outcome, input } as Parameters<typeof planIntake>[1]);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: err.reason ?? err.code, reason: `${err.message} (catalog ${c.version})` };
  }
  const d = args.derived;
  const differ: string[] = [];
  const same = (field: string, ours: unknown, theirs: unknown): void => {
    if (JSON.stringify(ours ?? null) !== JSON.stringify(theirs ?? null)) differ.push(`${field}: terminal ${JSON.stringify(theirs ?? null)}, centre ${JSON.stringify(ours ?? null)}`);
  };
  same('outcome', plan.outcome, d.outcome);
  same('itemCodes', plan.itemCodes, d.itemCodes);
  same('feeFen', plan.feeFen, d.feeFen);
  same('dueDate', plan.dueDate, d.dueDate);
  same('deadline', plan.deadline, d.deadline);
  return differ.length === 0 ? null : { code: 'plan_mismatch', reason: `the centre's plan differs (catalog ${c.version}): ${differ.join('; ')}` };
}
