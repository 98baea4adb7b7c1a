import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/dates.js';
import { acceptInputSchema, completeInputSchema, correctionInputSchema, rejectInputSchema, type IntakeOutcome } from '../../core/intake/schema.js';
import { fenSchema } from '../../core/money/schema.js';
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

/**
 * After intake (issue 14): who did it where, for every command of a case already on the centre. A
 * case of another window of the hall may be delivered or paid at this one, so the case number need
 * not carry this terminal's code.
 */
const counterArgs = {
  caseNo: z.string().min(1).max(64),
  terminalCode: z.string().min(1),
  windowNo: z.string().nullable(),
  staff: z.string(),
  at: z.string(),
  day: z.string().refine(isIsoDate, 'a real date written YYYY-MM-DD'),
};
const amount = fenSchema({ positive: true });
/** A fee entry's number: SF-<terminal code>-<yyyymmdd>-<seq> (main/fees), unique without asking anyone. */
const entryNo = z.string().regex(/^SF-[A-Z0-9]+-\d{8}-\d{4,}$/, 'SF-<terminal>-<yyyymmdd>-<seq>');
const signOff = { supervisor: z.string().min(1), reason: z.string().min(1).max(500) };

const SCHEMAS = {
  acceptCase: intakeArgsSchema(INTAKE_COMMANDS.acceptCase, acceptInputSchema),
  requestCorrection: intakeArgsSchema(INTAKE_COMMANDS.requestCorrection, correctionInputSchema),
  rejectCase: intakeArgsSchema(INTAKE_COMMANDS.rejectCase, rejectInputSchema),
  completeCase: intakeArgsSchema(INTAKE_COMMANDS.completeCase, completeInputSchema),
  // The print's layout, language, printer and job are for the record only; the centre does not need them.
  printNotice: z.looseObject({ ...noticeArgs, printedAt: z.string(), layout: z.string().optional(), language: z.string().optional(), printer: z.string().optional(), jobId: z.string().optional() }),
  voidNotice: z.looseObject({ ...noticeArgs, voidedAt: z.string(), reason: z.string().min(1), supervisor: z.string() }),
  /** 出件: the result handed over (main/delivery). The centre applies the first delivery of a case and refuses any other. */
  deliverResult: z.looseObject({
    ...counterArgs,
    deliveryId: z.uuid(),
    documentNo: z.string().min(1).max(100),
    collector: z.looseObject({
      relation: z.enum(['self', 'legalRep', 'agent', 'post']),
      name: z.string(),
      idType: z.string().nullable(),
      idNumber: z.string().nullable(),
      idRead: z.boolean(),
      idMatches: z.boolean(),
    }),
    override: z.looseObject(signOff).nullable(),
    post: z.looseObject({ courier: z.string().min(1), trackingNo: z.string().min(1), address: z.string().min(1) }).nullable(),
    handedOver: z.array(z.looseObject({ id: z.string(), name: z.string(), kind: z.enum(['result', 'original']) })).min(1).max(200),
    /** The scanned 授权委托书 (one PDF, uploaded first), for an agent. */
    powerOfAttorney: z.looseObject({ pdf: sha256Hex, pageCount: z.number().int().min(1) }).nullable(),
  }),
  /** A fee paid at the counter (main/fees), by one method. */
  recordPayment: z.looseObject({
    ...counterArgs,
    entryNo,
    stage: z.enum(['intake', 'delivery']),
    method: z.enum(['cash', 'card', 'qr', 'payment_code']),
    amountFen: amount,
    tenderedFen: amount.nullable(),
    changeFen: fenSchema().nullable(),
    reference: z.string().max(100).nullable(),
    billNo: z.string().max(100).nullable(),
  }),
  /** Part or all of one payment given back, signed off by a supervisor. */
  refundPayment: z.looseObject({ ...counterArgs, entryNo, refundOf: entryNo, method: z.enum(['cash', 'card', 'qr', 'payment_code']), amountFen: amount, ...signOff }),
  /** Part or all of a case's fee let go, signed off by a supervisor. */
  waiveFee: z.looseObject({ ...counterArgs, entryNo, amountFen: amount, ...signOff }),
  /** 容缺: a promised material came; its scan (one PDF, uploaded first). */
  recordPromisedMaterial: z.looseObject({ ...counterArgs, entryId: z.string().min(1), recordId: z.uuid(), pdf: sha256Hex, pageCount: z.number().int().min(1) }),
  /** 容缺: an overdue promise closed as failed; the back office follows it up. */
  failPromise: z.looseObject({ ...counterArgs, entryId: z.string().min(1), recordId: z.uuid(), reason: z.string().min(1).max(500) }),
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

/** The commands about a case after its intake, which any window of its hall may send (the centre loads the case for them). */
export const AFTER_INTAKE_COMMANDS = ['deliverResult', 'recordPayment', 'refundPayment', 'waiveFee', 'recordPromisedMaterial', 'failPromise'] as const satisfies readonly CommandName[];
export const isAfterIntakeCommand = (name: string): boolean => (AFTER_INTAKE_COMMANDS as readonly string[]).includes(name);

/** A command's name and args together, correlated: for code that picks the name at run time. */
export type CommandOf<N extends CommandName = CommandName> = { [K in N]: { name: K; args: CommandArgs<K> } }[N];
