import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/dates.js';
import { acceptInputSchema, completeInputSchema, correctionInputSchema, rejectInputSchema, type IntakeOutcome } from '../../core/intake/schema.js';
import { sha256Hex } from './messages.js';

/**
 * The business commands a terminal queues (main/db/outbox.ts) and the centre judges
 * (sync/server/validate/judges.ts): one schema per command's `args`. The terminal's `enqueueCommand`
 * takes `CommandArgs<name>`, so a command it writes in another shape does not compile; the centre
 * parses the args with the same schema before judging them. Objects are loose: a newer terminal may
 * add fields, which the centre keeps in the stored args.
 */

/** The intake outcome each intake command records (core/intake/schema.ts). */
export const INTAKE_COMMANDS = { acceptCase: 'accepted', requestCorrection: 'correction', rejectCase: 'rejected', completeCase: 'completed' } as const satisfies Record<string, IntakeOutcome>;
export type IntakeCommandName = keyof typeof INTAKE_COMMANDS;

/** One assembled PDF per material (main/scanning/case-scans.ts); its blob must be on the centre first. */
const scanRefSchema = z.looseObject({
  entryId: z.string().min(1),
  pdf: sha256Hex,
  bytes: z.number().int().min(0).optional(),
  pageCount: z.number().int().min(0),
  /** The stored page images the PDF was made from; they stay on the terminal. */
  pages: z.array(sha256Hex),
  /**
   * Set when the PDF could neither be read nor made again on the terminal and a supervisor sent the
   * case without it: the centre does not wait for it and flags the case (its `missingDocuments`).
   */
  pdfUnavailable: z.looseObject({ by: z.string().min(1), at: z.string(), note: z.string() }).optional(),
});

/**
 * What main/cases/intake.ts writes for an intake, besides its outcome and input: the terminal's
 * context, and `derived`, the plan the terminal computed, which the centre recomputes.
 */
const intakeEnvelopeSchema = z.looseObject({
  caseNo: z.string().min(1).max(64),
  terminalCode: z.string().min(1),
  day: z.string().refine(isIsoDate, 'a real date written YYYY-MM-DD'),
  decidedAt: z.string(),
  staff: z.string(),
  windowNo: z.string().nullable(),
  derived: z.looseObject({
    outcome: z.string(),
    itemCodes: z.array(z.string()),
    feeFen: z.number(),
    dueDate: z.string().nullish(),
    deadline: z.string().nullish(),
  }),
  scans: z.array(scanRefSchema).max(2000).optional(),
  /** The catalog version the terminal planned with, when it says (older terminals did not). */
  catalogVersion: z.string().optional(),
});
export type IntakeEnvelope = z.input<typeof intakeEnvelopeSchema>;

/**
 * An intake command: the envelope, the outcome its name records, and the clerk's input (core's schema
 * for the outcome; the applicant as core's parsed output). `input` comes last so that a broken
 * envelope is named first.
 */
const intakeArgsSchema = <O extends IntakeOutcome, I extends z.ZodType>(outcome: O, input: I) => intakeEnvelopeSchema.extend({ outcome: z.literal(outcome), input });

/** What main/handlers/notices.ts writes: the notice's number and print, and who did it. */
const noticeArgs = {
  caseNo: z.string().min(1).max(64),
  documentNo: z.string().min(1).max(100),
  kind: z.string().min(1),
  printNo: z.number().int().min(0),
  staff: z.string(),
};

const SCHEMAS = {
  acceptCase: intakeArgsSchema(INTAKE_COMMANDS.acceptCase, acceptInputSchema),
  requestCorrection: intakeArgsSchema(INTAKE_COMMANDS.requestCorrection, correctionInputSchema),
  rejectCase: intakeArgsSchema(INTAKE_COMMANDS.rejectCase, rejectInputSchema),
  completeCase: intakeArgsSchema(INTAKE_COMMANDS.completeCase, completeInputSchema),
  // The print's layout, language, printer and job are for the record only; the centre does not need them.
  printNotice: z.looseObject({ ...noticeArgs, printedAt: z.string(), layout: z.string().optional(), language: z.string().optional(), printer: z.string().optional(), jobId: z.string().optional() }),
  voidNotice: z.looseObject({ ...noticeArgs, voidedAt: z.string(), reason: z.string().min(1), supervisor: z.string() }),
};

export type CommandName = keyof typeof SCHEMAS;
/** The args as the terminal writes them (the schema's input). */
export type CommandArgs<N extends CommandName> = z.input<(typeof SCHEMAS)[N]>;
/** The args as the centre judges them (the schema's output). */
export type ParsedCommandArgs<N extends CommandName> = z.output<(typeof SCHEMAS)[N]>;

/** Typed per name, so that `commandArgsSchemas[name]` with a generic name parses to that name's args. */
export const commandArgsSchemas: { readonly [N in CommandName]: z.ZodType<ParsedCommandArgs<N>, CommandArgs<N>> } = SCHEMAS;

/** The one list of command names: the keys of the schemas (Object.keys of a literal has no others). */
export const COMMAND_NAMES = Object.freeze(Object.keys(SCHEMAS)) as readonly CommandName[];

/** Own keys only: `toString` or `__proto__` sent as a name is an unknown command, not a lookup hit. */
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(SCHEMAS, name);
export const isIntakeCommand = (name: string): name is IntakeCommandName => Object.hasOwn(INTAKE_COMMANDS, name);

/** A command's name and args together, correlated: for code that picks the name at run time. */
export type CommandOf<N extends CommandName = CommandName> = { [K in N]: { name: K; args: CommandArgs<K> } }[N];
