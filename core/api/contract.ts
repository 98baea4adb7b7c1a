import { z } from 'zod';
import { ITEM_TYPES, LIMIT_UNITS } from '../catalog/schema.js';
import { acceptInputSchema, completeInputSchema, correctionInputSchema, REJECTION_TYPES, rejectInputSchema, targetSchema } from '../intake/schema.js';
import type { EventName, HandlerName } from './names.js';
import { scanContract, scanEventSchemas } from './contract-scans.js';
import { centralStatusDetailSchema, centralStatusSchema, syncContract, syncEventSchemas } from './contract-sync.js';

export type { EventName, HandlerName } from './names.js';

/**
 * The handler contract: every operation the UI can ask for, with a zod schema for its input and its
 * result. Both doors (Electron IPC and the host's HTTP API) validate against these same schemas, the
 * renderer derives its types from them, and docs/API.md is generated from them.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

const noInput = z.object({}).strict();

/** Who may call a handler: anyone at the terminal, or a signed-in, unlocked member of staff of that role or above. */
export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Access = 'public' | Role;

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
const staffRef = z.object({ id: z.number().int(), login: z.string(), displayName: z.string(), role: z.enum(ROLES) });
const login = z.string().trim().regex(/^[a-z0-9._-]{2,32}$/i, 'letters, digits, . _ - (2 to 32)');
const caseOutcome = z.enum(['accepted', 'correction', 'rejected', 'completed']);
const caseSummary = z.object({
  caseNo: z.string(),
  outcome: caseOutcome,
  withGaps: z.boolean(),
  title: localized,
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  receivedAt: z.string(),
  dueDate: z.string().nullable(),
  dueDateProvisional: z.boolean().describe('The due date falls in a year whose holiday arrangement is provisional (recomputed when the centre publishes the official one).'),
  deadline: z.string().nullable(),
  feeFen: z.number().int(),
  central: centralStatusSchema.nullable().describe('The back office’s progress (pulled from the centre); null until the centre has said anything.'),
});
const caseMaterial = z.object({
  entryId: z.string(),
  name: z.string(),
  required: z.boolean(),
  status: z.enum(['received', 'exempt', 'missing', 'to_correct']),
  form: z.string().nullable(),
  copies: z.number().int().nullable(),
  pages: z.number().int().nullable(),
  note: z.string().nullable(),
  promisedDate: z.string().nullable(),
  scannedPages: z.number().int().describe('Scanned pages attached to this material (assembled into one PDF).'),
});
const noticeKind = z.enum(['accepted', 'correction', 'rejected', 'completed']);
const noticeLayout = z.enum(['a4', 'receipt']);
const noticeTarget = {
  caseNo: z.string().trim().min(1).max(40),
  kind: noticeKind.optional().describe("The notice for the case's outcome when left out; another kind is refused (notice_kind_mismatch)."),
  layout: noticeLayout.default('a4'),
  language: languageSchema.default('zh-CN'),
};
const journalEntry = z.object({ seq: z.number().int(), at: z.string(), actor: z.string().nullable(), action: z.string(), details: z.string() });

export const contract = {
  'app.info': {
    access: 'public',
    summary: 'What this terminal is: app version, terminal code, window, store file and schema version, UI language.',
    input: noInput,
    result: z.object({
      name: z.string(),
      version: z.string(),
      terminalCode: z.string().nullable().describe('Case-number prefix given at enrollment; null until set.'),
      windowNo: z.string().nullable(),
      hall: z.string().nullable(),
      district: z.string().nullable(),
      dbPath: z.string(),
      schemaVersion: z.number().int(),
      language: languageSchema,
      door: z.enum(['electron', 'host']).describe('Which door served the call.'),
    }),
  },
  'audit.verify': {
    access: 'public',
    summary: 'Walks the audit journal hash chain and reports whether every entry is intact.',
    input: noInput,
    result: z.object({
      ok: z.boolean(),
      checked: z.number().int().describe('Entries verified before the first break (all of them when ok).'),
      total: z.number().int(),
      brokenAt: z.number().int().optional().describe('seq of the first entry that fails.'),
      reason: z.enum(['hash_mismatch', 'link_broken', 'seq_gap']).optional(),
    }),
  },
  'settings.setLanguage': {
    access: 'public',
    summary: 'Sets the UI language of this terminal; kept in the store so it survives a restart. Journaled.',
    input: z.object({ language: languageSchema }).strict(),
    result: z.object({ language: languageSchema }),
  },
  'settings.setIdleLock': {
    access: 'admin',
    summary: 'Sets after how many idle minutes the screen locks (1 to 120). Journaled.',
    input: z.strictObject({ minutes: z.number().int().min(1).max(120) }),
    result: z.object({ minutes: z.number().int() }),
  },
  'setup.status': {
    access: 'public',
    summary: 'Whether this terminal still needs its first-run setup (no staff yet), and whether a catalog is loaded.',
    input: noInput,
    result: z.object({ needsSetup: z.boolean(), catalogLoaded: z.boolean() }),
  },
  'setup.init': {
    access: 'public',
    summary: 'First run only: sets the terminal code, window and district, creates the admin, optionally loads the sample catalog. Refused once staff exist.',
    input: z.strictObject({
      terminalCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,16}$/, 'letters and digits, 2 to 16'),
      windowNo: z.string().trim().min(1).max(10),
      hall: z.string().trim().max(100).optional(),
      district: z.string().trim().min(1).max(50),
      admin: z.strictObject({ login, displayName: z.string().trim().min(1).max(50), password: z.string().max(200) }),
      loadSampleCatalog: z.boolean().default(true),
    }),
    result: z.object({ staff: staffRef }),
  },
  'auth.session': {
    access: 'public',
    summary: 'Who is signed in at this terminal, whether the screen is locked, and the idle time after which it locks.',
    input: noInput,
    result: z.object({ staff: staffRef.nullable(), locked: z.boolean(), idleLockMinutes: z.number().int() }),
  },
  'auth.signIn': {
    access: 'public',
    summary: 'Signs a member of staff in (replacing whoever was signed in). Every success and failure is journaled.',
    input: z.strictObject({ login: z.string().trim().min(1).max(32), password: z.string().max(200) }),
    result: z.object({ staff: staffRef }),
  },
  'auth.unlock': {
    access: 'public',
    summary: 'Unlocks the locked screen with the signed-in staff member’s password. Journaled.',
    input: z.strictObject({ password: z.string().max(200) }),
    result: z.object({ staff: staffRef }),
  },
  'auth.lock': {
    access: 'public',
    summary: 'Locks the screen now (the renderer calls it when the terminal has been idle). Journaled.',
    input: z.strictObject({ reason: z.enum(['idle', 'manual']).default('manual') }),
    result: z.object({ locked: z.boolean() }),
  },
  'auth.activity': {
    access: 'clerk',
    summary: 'Tells the terminal the person at it is still working (typing without calling anything), so the idle lock counts from now. Refused when already locked.',
    input: noInput,
    result: z.object({ ok: z.literal(true) }),
  },
  'auth.signOut': {
    access: 'public',
    summary: 'Signs out. Journaled.',
    input: noInput,
    result: z.object({ signedOut: z.boolean() }),
  },
  'staff.list': {
    access: 'supervisor',
    summary: 'Active staff accounts.',
    input: noInput,
    result: z.array(staffRef),
  },
  'staff.create': {
    access: 'admin',
    summary: 'Creates a staff account with a role. Journaled (never the password).',
    input: z.strictObject({ login, displayName: z.string().trim().min(1).max(50), role: z.enum(ROLES), password: z.string().max(200) }),
    result: staffRef,
  },
  'catalog.import': {
    access: 'admin',
    summary: 'Replaces the service catalog and calendar with a catalog file (resources/catalog/README.md). A bad file imports nothing and reports every error with its location; an older format is migrated and the migration reported.',
    input: z.strictObject({ catalog: z.unknown(), source: z.string().max(200).default('upload') }),
    result: z.object({
      imported: z.boolean(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
      items: z.number().int(),
      bundles: z.number().int(),
      years: z.array(z.number().int()),
      migration: z
        .object({ from: z.number().int(), notes: z.array(z.object({ path: z.string(), message: z.string() })) })
        .nullable()
        .describe('A file of an older format is migrated first: its version and what the migration filled in (resources/catalog/README.md).'),
    }),
  },
  'catalog.search': {
    access: 'clerk',
    summary: 'Service items and bundles by code, Chinese or English name, or pinyin initials (hkqr → 户口迁入).',
    input: z.strictObject({ query: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) }),
    result: z.array(
      z.object({ kind: z.enum(['item', 'bundle']), code: z.string(), name: localized, department: localized.optional(), matchedBy: z.string() }),
    ),
  },
  'catalog.checklist': {
    access: 'clerk',
    summary: 'The merged material checklist for items or a bundle (shared materials once), with the items’ kind, limits and fees.',
    input: z.strictObject({
      target: targetSchema,
      agent: z.boolean().default(false).describe('The applicant has an agent: the 授权委托书 becomes a required key material (core/intake/agent.ts).'),
    }),
    result: z.object({
      itemCodes: z.array(z.string()),
      bundleCode: z.string().nullable(),
      title: localized,
      items: z.array(
        z.object({
          code: z.string(),
          name: localized,
          kind: z.enum(['immediate', 'promised']),
          itemType: z.enum(ITEM_TYPES).describe('事项类型: only administrative_licensing may be refused under 行政许可法 §32(一).'),
          legalLimitDays: z.number(),
          legalLimitUnit: z.enum(LIMIT_UNITS),
          promisedLimitDays: z.number(),
          promisedLimitUnit: z.enum(LIMIT_UNITS),
          feeFen: z.number(),
        }),
      ),
      entries: z.array(
        z.object({
          id: z.string(),
          name: localized,
          required: z.boolean(),
          key: z.boolean(),
          form: z.enum(['original', 'copy', 'original_and_copy']),
          copies: z.number().int(),
          exemptByCertificate: z.string().nullable(),
        }),
      ),
    }),
  },
  'applicants.find': {
    access: 'clerk',
    summary: 'A returning applicant by ID document number (or credit code), to prefill the form; null when unknown.',
    input: z.strictObject({ idNumber: z.string().trim().min(1).max(40) }),
    result: z.object({ applicant: z.record(z.string(), z.unknown()).nullable() }),
  },
  'cases.accept': {
    access: 'clerk',
    summary: '受理: accepts a case (every required material received or exempt, or 容缺 with a promised date); due date through the working-day calendar.',
    input: acceptInputSchema,
    result: caseSummary,
  },
  'cases.requestCorrection': {
    access: 'clerk',
    summary: '补正: records the case with every material to supply or correct and a deadline (一次性告知).',
    input: correctionInputSchema,
    result: caseSummary,
  },
  'cases.reject': {
    access: 'clerk',
    summary: '不予受理: refuses the case with the reason and the competent authority to apply to instead.',
    input: rejectInputSchema,
    result: caseSummary,
  },
  'cases.complete': {
    access: 'clerk',
    summary: '即办: a 即办件 done on the spot, all required materials present.',
    input: completeInputSchema,
    result: caseSummary,
  },
  'cases.list': {
    access: 'clerk',
    summary: 'Cases of a day (default today), newest first; query matches case number, applicant name or ID number.',
    input: z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), query: z.string().trim().max(100).optional(), outcome: caseOutcome.optional() }),
    result: z.array(caseSummary),
  },
  'cases.find': {
    access: 'clerk',
    summary: 'Cases of any day by exact case number or applicant ID number.',
    input: z.strictObject({ query: z.string().trim().min(1).max(40) }),
    result: z.array(caseSummary),
  },
  'notices.preview': {
    access: 'clerk',
    summary: 'The notice of a case as it would print next (first print, or the next reprint marked 副本), as a PDF. Writes nothing.',
    input: z.strictObject(noticeTarget),
    result: z.object({
      documentNo: z.string(),
      kind: noticeKind,
      printNo: z.number().int().describe('0: the first print; n: the n-th reprint.'),
      pages: z.number().int(),
      pdfBase64: z.string(),
      missingGlyphs: z.array(z.string()).describe('Characters no bundled font has (printed as blanks): tell IT.'),
    }),
  },
  'notices.print': {
    access: 'clerk',
    summary: "Prints a case's notice (a reprint says so on the page) to the given printer or the one set for its kind; journaled and queued for the centre. A failed job returns the printer's message and can be retried.",
    input: z.strictObject({ ...noticeTarget, printer: z.string().trim().min(1).max(127).optional() }),
    result: z.object({ documentNo: z.string(), kind: noticeKind, printNo: z.number().int(), printer: z.string(), jobId: z.string(), pages: z.number().int() }),
  },
  'notices.void': {
    access: 'clerk',
    summary: 'Voids one printed notice, signed off by a supervisor with their own password and a reason. Journaled and queued.',
    input: z.strictObject({
      caseNo: z.string().trim().min(1).max(40),
      kind: noticeKind.optional(),
      printNo: z.number().int().min(0),
      reason: z.string().trim().min(4).max(500),
      supervisor: z.string().trim().min(1).max(32),
      supervisorPassword: z.string().max(200),
    }),
    result: z.object({ documentNo: z.string(), printNo: z.number().int(), voided: z.literal(true) }),
  },
  'notices.list': {
    access: 'clerk',
    summary: 'Every print, reprint and void of the notices of a case.',
    input: z.strictObject({ caseNo: z.string().trim().min(1).max(40) }),
    result: z.array(
      z.object({
        kind: noticeKind,
        documentNo: z.string(),
        printNo: z.number().int(),
        layout: noticeLayout,
        language: z.string(),
        printer: z.string(),
        printedAt: z.string(),
        staff: z.string(),
        voided: z.boolean(),
        voidReason: z.string().nullable(),
      }),
    ),
  },
  'notices.verify': {
    access: 'clerk',
    summary: "Checks a scanned notice QR payload offline against the issuing terminal's key: this terminal's own, or another window's pulled from the centre (docs/NOTICES.md has the format).",
    input: z.strictObject({ payload: z.string().max(2000).describe('What the scanner read: the progress URL with the payload in its fragment, or the bare payload.') }),
    result: z.object({
      valid: z.boolean(),
      reason: z.enum(['qr_malformed', 'qr_version', 'qr_signature', 'qr_unknown_terminal', 'qr_revoked_terminal']).optional(),
      caseNo: z.string().optional(),
      outcome: z.string().optional(),
      date: z.string().optional(),
      issuedHere: z.boolean(),
      caseFound: z.boolean().describe('Whether the case is in this store and its details match the code.'),
    }),
  },
  'printers.list': {
    access: 'clerk',
    summary: 'Printers this terminal can print to, and which one each notice kind uses.',
    input: noInput,
    result: z.object({
      printers: z.array(z.object({ name: z.string(), description: z.string(), isDefault: z.boolean(), state: z.string(), acceptingJobs: z.boolean() })),
      chosen: z.record(z.string(), z.string()),
    }),
  },
  'settings.setPrinter': {
    access: 'supervisor',
    summary: 'Chooses the printer for one kind of document (accepted, correction, rejected, completed, delivery). Journaled.',
    input: z.strictObject({ kind: z.enum(['accepted', 'correction', 'rejected', 'completed', 'delivery']), printer: z.string().trim().min(1).max(127) }),
    result: z.object({ kind: z.string(), printer: z.string() }),
  },
  'cases.get': {
    access: 'clerk',
    summary: 'One case in full: applicant, items, materials, and its journal.',
    input: z.strictObject({ caseNo: z.string().trim().min(1).max(40) }),
    result: caseSummary.extend({
      applicant: z.record(z.string(), z.unknown()),
      itemCodes: z.array(z.string()),
      bundleCode: z.string().nullable(),
      documentNo: z.string().nullable().describe('The decision notice’s 文号 (its issuer’s pattern, sequence per year); null when the catalog gives none.'),
      materials: z.array(caseMaterial),
      rejectType: z.enum(REJECTION_TYPES).nullable().describe('Rejected cases: §32(一) no_licence_needed, §32(二) not_competent, or other.'),
      rejectReason: z.string().nullable(),
      competentAuthority: z.string().nullable(),
      staff: z.string(),
      windowNo: z.string().nullable(),
      journal: z.array(journalEntry),
      central: centralStatusDetailSchema.nullable(),
    }),
  },
  ...scanContract,
  ...syncContract,
} as const satisfies Record<HandlerName, HandlerSpec>;

export interface HandlerSpec {
  access: Access;
  summary: string;
  input: z.ZodType;
  result: z.ZodType;
}

export type Contract = typeof contract;
export type HandlerInput<N extends HandlerName> = z.input<Contract[N]['input']>;
export type HandlerResult<N extends HandlerName> = z.output<Contract[N]['result']>;

export function isHandlerName(name: string): name is HandlerName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the back end to the renderer (SSE on the host, webContents.send in Electron). */
export const eventSchemas = {
  'settings.changed': z.object({ key: z.string() }),
  'auth.changed': z.object({ signedIn: z.boolean(), locked: z.boolean() }),
  'cases.changed': z.object({ caseNo: z.string() }),
  ...scanEventSchemas,
  ...syncEventSchemas,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface AppEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
