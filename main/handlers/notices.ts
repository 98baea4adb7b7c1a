import { DOCUMENT_KINDS, NOTICE_KIND_OF_OUTCOME, type NoticeKind, type NoticeLayout } from '../../core/notices/index.js';
import { parseQr, verifyQr } from '../../core/notices/qr.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { requireSupervisor } from '../auth/supervisor.js';
import { appendAudit } from '../db/audit.js';
import { durable } from '../db/durable.js';
import { enqueueCommand } from '../db/outbox.js';
import { getSetting, setSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import { terminalKeys } from '../notices/keys.js';
import { caseOrRefuse, prepareNotice, printsSoFar, qrPayloadOf, type PreparedNotice } from '../notices/service.js';
import { PrintError } from '../printing/printer.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

async function choosePrinter(ctx: HandlerContext, kind: string, asked: string | undefined): Promise<string> {
  if (asked) return asked;
  const set = getSetting(ctx.store.db, `printer:${kind}`);
  if (set) return set;
  const fallback = (await ctx.printer.list()).find((p) => p.isDefault);
  if (!fallback) throw new DomainError('unavailable', 'no printer is set for this notice and there is no default printer', 'printer', 'printer_not_chosen');
  return fallback.name;
}

/** Tries to take a print number before rendering anew; a print pressed twice quickly takes the next one. */
const RESERVE_TRIES = 5;

/**
 * Renders the notice as it would print next and reserves its print number in a durable transaction
 * BEFORE the job goes to the printer: the notices row exists (job_id NULL) from then on, so a second
 * print of the same notice meanwhile renders and reserves the next number (a reprint, marked as such)
 * instead of sending a second "print #0" that could not be journaled. If the number was taken while
 * this one rendered, it renders again with the next. A crash while the job is being sent leaves the
 * reservation: whether paper came out is unknown, so its number is never handed out again.
 */
async function reservePrint(ctx: HandlerContext, input: Parameters<typeof prepareNotice>[1] & { printer?: string | undefined }, staffId: number): Promise<{ n: PreparedNotice; printer: string; rowId: number }> {
  const { db } = ctx.store;
  for (let attempt = 1; ; attempt += 1) {
    const n = await prepareNotice(ctx, input);
    const printer = await choosePrinter(ctx, n.kind, input.printer);
    const rowId = durable(db, () => {
      if (printsSoFar(ctx, n.detail.id, n.kind) !== n.printNo) return null;
      const info = stmt(
        db,
        `INSERT INTO notices (case_id, kind, document_no, print_no, layout, language, printer, job_id, printed_at, staff_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      ).run(n.detail.id, n.kind, n.documentNo, n.printNo, input.layout, input.language, printer, ctx.clock.nowIso(), staffId);
      return Number(info.lastInsertRowid);
    });
    if (rowId !== null) return { n, printer, rowId };
    if (attempt >= RESERVE_TRIES) {
      throw new DomainError('conflict', 'this notice is being printed right now; wait for it, then print again if needed', undefined, 'print_in_progress');
    }
  }
}

export const noticeHandlers = {
  'notices.preview': async (input, ctx) => {
    const n = await prepareNotice(ctx, input);
    return { documentNo: n.documentNo, kind: n.kind, printNo: n.printNo, pages: n.pages, pdfBase64: n.pdf.toString('base64'), missingGlyphs: n.missing };
  },

  'notices.print': async (input, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const { n, printer, rowId } = await reservePrint(ctx, input, staff.id);
    let jobId: string;
    try {
      ({ jobId } = await ctx.printer.print({ pdf: n.pdf, printer, title: n.documentNo, media: input.layout === 'a4' ? 'A4' : 'roll80' }));
    } catch (err) {
      // Nothing came out: the number goes back, so the next attempt is this print again, not a reprint.
      db.transaction(() => {
        stmt(db, 'DELETE FROM notices WHERE id = ? AND job_id IS NULL').run(rowId);
        // The case is safe in the store; the failed attempt is journaled and the clerk can print again.
        if (err instanceof PrintError) appendAudit(db, ctx.clock, { actor: staff.login, action: 'notice.print_failed', subject: n.detail.caseNo, details: { documentNo: n.documentNo, printer, reason: err.reason, message: err.message } });
      })();
      if (!(err instanceof PrintError)) throw err;
      ctx.events.emit('cases.changed', { caseNo: n.detail.caseNo });
      throw new DomainError(err.code, err.message, 'printer', err.reason);
    }
    durable(db, () => {
      const now = ctx.clock.nowIso();
      stmt(db, 'UPDATE notices SET job_id = ?, printed_at = ? WHERE id = ?').run(jobId, now, rowId);
      const details = { documentNo: n.documentNo, kind: n.kind, printNo: n.printNo, layout: input.layout, language: input.language, printer, jobId };
      appendAudit(db, ctx.clock, { actor: staff.login, action: n.printNo === 0 ? 'notice.print' : 'notice.reprint', subject: n.detail.caseNo, details });
      enqueueCommand(db, ctx.clock, 'printNotice', { caseNo: n.detail.caseNo, printedAt: now, staff: staff.login, ...details });
    });
    ctx.events.emit('cases.changed', { caseNo: n.detail.caseNo });
    return { documentNo: n.documentNo, kind: n.kind, printNo: n.printNo, printer, jobId, pages: n.pages };
  },

  'notices.void': async (input, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const detail = caseOrRefuse(ctx, input.caseNo);
    const kind = input.kind ?? NOTICE_KIND_OF_OUTCOME[detail.outcome];
    const voidable = stmt<{ id: number; document_no: string; voided_at: string | null }>(
      db,
      'SELECT id, document_no, voided_at FROM notices WHERE case_id = ? AND kind = ? AND print_no = ?',
    );
    const found = voidable.get(detail.id, kind, input.printNo);
    if (!found) throw new DomainError('not_found', `print ${input.printNo} of this notice was never made`, 'printNo', 'notice_unknown');
    if (found.voided_at) throw new DomainError('conflict', 'this print is already void', 'printNo', 'notice_already_voided');
    // The sign-off comes last: a right password then always voids (journaled), so no later refusal
    // tells it apart from a wrong one.
    const supervisor = await requireSupervisor(ctx, input.supervisor, input.supervisorPassword, 'supervisorPassword', 'notices.void');
    // Read again: another call may have voided it while the password was being checked.
    const row = voidable.get(detail.id, kind, input.printNo);
    if (!row || row.voided_at) throw new DomainError('conflict', 'this print is already void', 'printNo', 'notice_already_voided');
    durable(db, () => {
      const now = ctx.clock.nowIso();
      stmt(db, 'UPDATE notices SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(now, supervisor.login, input.reason, row.id);
      const details = { documentNo: row.document_no, kind, printNo: input.printNo, reason: input.reason, supervisor: supervisor.login };
      appendAudit(db, ctx.clock, { actor: staff.login, action: 'notice.void', subject: detail.caseNo, details });
      enqueueCommand(db, ctx.clock, 'voidNotice', { caseNo: detail.caseNo, voidedAt: now, staff: staff.login, ...details });
    });
    ctx.events.emit('cases.changed', { caseNo: detail.caseNo });
    return { documentNo: row.document_no, printNo: input.printNo, voided: true as const };
  },

  'notices.list': ({ caseNo }, ctx) => {
    const detail = caseOrRefuse(ctx, caseNo);
    const rows = stmt<{
      kind: NoticeKind;
      document_no: string; print_no: number; layout: NoticeLayout; language: string; printer: string; printed_at: string;
      display_name: string; voided_at: string | null; void_reason: string | null;
    }>(ctx.store.db, 'SELECT n.*, s.display_name FROM notices n JOIN staff s ON s.id = n.staff_id WHERE n.case_id = ? ORDER BY n.id').all(detail.id);
    return rows.map((r) => ({
      kind: r.kind, documentNo: r.document_no, printNo: r.print_no, layout: r.layout, language: r.language, printer: r.printer,
      printedAt: r.printed_at, staff: r.display_name, voided: r.voided_at !== null, voidReason: r.void_reason,
    }));
  },

  'notices.verify': ({ payload }, ctx) => {
    const parsed = parseQr(payload);
    const terminal = getSetting(ctx.store.db, 'terminal_code');
    const issuedHere = parsed !== null && terminal !== null && parsed.fields.caseNo.startsWith(`${terminal}-`);
    if (parsed && !issuedHere) {
      // Another window's notice: its key came down with sync (known_terminal_keys); without it, it cannot be checked here.
      const issuer = parsed.fields.caseNo.split('-')[0] ?? '';
      const known = stmt(ctx.store.db, 'SELECT public_key, revoked_at FROM known_terminal_keys WHERE terminal_code = ?').get(issuer) as { public_key: string; revoked_at: string | null } | undefined;
      const fields = { caseNo: parsed.fields.caseNo, outcome: parsed.fields.outcome, date: parsed.fields.date };
      if (!known) return { valid: false, reason: 'qr_unknown_terminal' as const, ...fields, issuedHere, caseFound: false };
      const verdict = verifyQr(payload, known.public_key);
      if (!verdict.valid) return { valid: false, reason: verdict.reason, ...fields, issuedHere, caseFound: false };
      // A notice dated after its window was revoked cannot be genuine business of that window.
      if (known.revoked_at !== null && parsed.fields.date > businessDay(known.revoked_at)) return { valid: false, reason: 'qr_revoked_terminal' as const, ...fields, issuedHere, caseFound: false };
      return { valid: true, ...fields, issuedHere, caseFound: false };
    }
    const verdict = verifyQr(payload, terminalKeys(ctx.store.db, ctx.clock.nowIso()).publicKey);
    if (!verdict.valid) return { valid: false, reason: verdict.reason, ...(verdict.fields ?? {}), issuedHere, caseFound: false };
    const f = verdict.fields;
    let caseFound = false;
    try {
      // The code must be exactly the one this store would sign for the case today.
      caseFound = qrPayloadOf(ctx, caseOrRefuse(ctx, f.caseNo)) === payload.trim();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
    return { valid: true, caseNo: f.caseNo, outcome: f.outcome, date: f.date, issuedHere, caseFound };
  },

  'printers.list': async (_input, ctx) => {
    // A PrintError (no CUPS, …) is a DomainError: it answers {ok:false} as it is.
    const printers = await ctx.printer.list();
    const chosen: Record<string, string> = {};
    for (const kind of DOCUMENT_KINDS) {
      const p = getSetting(ctx.store.db, `printer:${kind}`);
      if (p) chosen[kind] = p;
    }
    return { printers: printers.map((p) => ({ ...p })), chosen };
  },

  'settings.setPrinter': ({ kind, printer }, ctx) => {
    const { db } = ctx.store;
    db.transaction(() => {
      setSetting(db, `printer:${kind}`, printer);
      appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'settings.printer', details: { kind, printer } });
    })();
    return { kind, printer };
  },
} satisfies Partial<HandlerImpls>;

