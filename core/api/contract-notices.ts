import { z } from 'zod';
import { NOTICE_KINDS, NOTICE_LAYOUTS } from '../notices/kinds.js';
import { languageSchema, noInput, type HandlerSpec } from './contract-common.js';

/** The printed notices of a case (preview, print, reprint, void, verify) and the printers they go to. */
const noticeKind = z.enum(NOTICE_KINDS);
const noticeLayout = z.enum(NOTICE_LAYOUTS);
const noticeTarget = {
  caseNo: z.string().trim().min(1).max(40),
  kind: noticeKind.optional().describe("The notice for the case's outcome when left out; another kind is refused (notice_kind_mismatch)."),
  layout: noticeLayout.default('a4'),
  language: languageSchema.default('zh-CN'),
};

export const noticesContract = {
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
    input: z.strictObject({ payload: z.string().max(500) }),
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
} as const satisfies Record<string, HandlerSpec>;
