import { z } from 'zod';
import { applicantSchema, type ApplicantSchema } from '../../../core/applicant/index.js';
import { isIsoDate } from '../../../core/calendar/dates.js';
import { parseCaseNumber } from '../../../core/intake/case-number.js';
import { CASE_OUTCOMES } from '../../../core/intake/outcomes.js';
import { planIntake, type CasePlan } from '../../../core/intake/plan.js';
import { acceptInputSchema, completeInputSchema, correctionInputSchema, rejectInputSchema, type IntakeOutcome } from '../../../core/intake/schema.js';
import { DomainError } from '../../../core/result.js';
import type { CatalogChooser, PublishedCatalog } from '../catalogs.js';
import { codeOf, describe } from './issues.js';

/** The four intake commands and the outcome each carries (main/cases/intake.ts, COMMAND_OF). */
export const INTAKE_COMMANDS = { acceptCase: 'accepted', requestCorrection: 'correction', rejectCase: 'rejected', completeCase: 'completed' } as const;
export type IntakeCommandName = keyof typeof INTAKE_COMMANDS;
export const isIntakeCommand = (name: string): name is IntakeCommandName => name in INTAKE_COMMANDS;

const INPUT_SCHEMA: Record<IntakeOutcome, z.ZodType> = {
  accepted: acceptInputSchema,
  correction: correctionInputSchema,
  rejected: rejectInputSchema,
  completed: completeInputSchema,
};

/**
 * What a terminal sends for an intake (main/cases/intake.ts builds it): the clerk's input, the
 * terminal's context, and `derived`, the plan the terminal computed, which the centre recomputes.
 * Loose: a newer terminal may add fields (`scans`, `catalogVersion`); they are kept in the stored args.
 */
const intakeArgsSchema = z.looseObject({
  caseNo: z.string().min(1).max(64),
  terminalCode: z.string().min(1),
  day: z.string().refine(isIsoDate, 'a real date written YYYY-MM-DD'),
  decidedAt: z.string(),
  staff: z.string(),
  windowNo: z.string().nullable(),
  outcome: z.enum(CASE_OUTCOMES),
  input: z.looseObject({ intakeId: z.uuid() }),
  derived: z.looseObject({
    outcome: z.string(),
    itemCodes: z.array(z.string()),
    feeFen: z.number(),
    dueDate: z.string().nullish(),
    deadline: z.string().nullish(),
  }),
  /** Page hashes per material (the scanning issue); their blobs must be on the server. */
  scans: z.unknown().optional(),
  /** The catalog version the terminal planned with, when it says. */
  catalogVersion: z.string().optional(),
});
type IntakeArgs = z.output<typeof intakeArgsSchema>;

export interface AcceptedIntake {
  caseNo: string;
  intakeId: string;
  day: string;
  outcome: IntakeOutcome;
  /** false: no catalog was published, so the plan could not be checked. */
  checked: boolean;
  catalogVersion: string | null;
}

export type IntakeVerdict = { ok: true; intake: AcceptedIntake } | { ok: false; caseNo: string | null; code: string; reason: string };

export interface IntakeJudge {
  /** The terminal's case-number prefix. */
  terminalCode: string;
  catalogs: CatalogChooser;
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
 * Re-validates an intake command with core's rules, as the terminal did offline: its shape, that it
 * is this terminal's case, the applicant (for the command's day), and the plan (items, materials,
 * fee, due date or deadline) against the catalog it was most likely made with. A refusal names a
 * stable code (core's reason where there is one) and a sentence for the clerk.
 */
export function judgeIntake(name: IntakeCommandName, raw: Record<string, unknown>, judge: IntakeJudge): IntakeVerdict {
  const caseNoOf = typeof raw.caseNo === 'string' ? raw.caseNo : null;
  const refuse = (code: string, reason: string): IntakeVerdict => ({ ok: false, caseNo: caseNoOf, code, reason });

  const parsed = intakeArgsSchema.safeParse(raw);
  if (!parsed.success) return refuse('invalid_args', describe(parsed.error.issues[0]));
  const args = parsed.data;
  const outcome = INTAKE_COMMANDS[name];
  if (args.outcome !== outcome) return refuse('invalid_args', `${name} carries outcome "${args.outcome}", not "${outcome}"`);
  if (args.terminalCode !== judge.terminalCode) return refuse('terminal_code_mismatch', `the command was made by terminal ${args.terminalCode}, but this is terminal ${judge.terminalCode}`);
  const no = parseCaseNumber(args.caseNo);
  if (!no || no.terminalCode !== judge.terminalCode || !args.caseNo.startsWith(`${judge.terminalCode}-`)) {
    return refuse('case_no_prefix', `case number ${args.caseNo} does not start with this terminal's code ${judge.terminalCode}`);
  }
  if (no.day !== args.day) return refuse('case_no_day', `case number ${args.caseNo} is not of the command's day ${args.day}`);

  const input = INPUT_SCHEMA[outcome].safeParse(args.input);
  if (!input.success) return refuse(codeOf(input.error.issues[0]) ?? 'invalid_input', describe(input.error.issues[0], 'input'));
  const applicant = applicantSchemaOf(args.day).safeParse(asApplicantInput(args.input.applicant));
  if (!applicant.success) return refuse(codeOf(applicant.error.issues[0]) ?? 'applicant_invalid', describe(applicant.error.issues[0], 'input.applicant'));

  const accepted = (checked: boolean, catalogVersion: string | null): IntakeVerdict => ({
    ok: true,
    intake: { caseNo: args.caseNo, intakeId: args.input.intakeId, day: args.day, outcome, checked, catalogVersion },
  });
  const candidates = judge.catalogs(args.day, args.catalogVersion);
  // No catalog published yet: refusing would lose real cases, so they are kept, marked unchecked.
  if (candidates.length === 0) return accepted(false, null);

  let first: IntakeVerdict | null = null;
  for (const c of candidates) {
    const verdict = planAgainst(c, outcome, input.data, args);
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
