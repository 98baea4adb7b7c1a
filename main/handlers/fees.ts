import { checkPayment, checkRefund, checkWaiver } from '../../core/fees/index.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { requireSupervisor } from '../auth/supervisor.js';
import { appendAudit } from '../db/audit.js';
import { durable } from '../db/durable.js';
import { enqueueCommand } from '../db/outbox.js';
import { getSetting } from '../db/settings.js';
import { afterIntakeCase, type AfterIntakeCase } from '../delivery/target.js';
import { accountOf, entryRows, feeState, insertEntry, nextEntryNo, toFeeEntries } from '../fees/ledger.js';
import { paymentSlipData } from '../fees/slip.js';
import { renderPaymentSlip } from '../notices/render.js';
import { printReceipt, receiptPrintsSoFar } from '../printing/receipts.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

function terminalOf(ctx: HandlerContext): { terminalCode: string; windowNo: string | null } {
  const terminalCode = getSetting(ctx.store.db, 'terminal_code');
  if (!terminalCode) throw new DomainError('unavailable', 'this terminal has no terminal code yet', undefined, 'terminal_not_set');
  return { terminalCode, windowNo: getSetting(ctx.store.db, 'window_no') };
}

const caseOf = (ctx: HandlerContext, caseNo: string): AfterIntakeCase => afterIntakeCase(ctx.store.db, ctx.catalog?.catalog ?? null, caseNo);
const stateOf = (ctx: HandlerContext, c: AfterIntakeCase) => feeState(ctx.store.db, ctx.catalog?.catalog ?? null, c);

/**
 * Fees at the counter. Each write checks the rules (core/fees) against the account as it is in the
 * same transaction, then writes the entry (its number from the day's counter), its journal entry and
 * its outbox command together, durably (main/db/durable.ts): the entry's number is on the slip the
 * applicant takes.
 */
export const feeHandlers = {
  'fees.get': ({ caseNo }, ctx) => stateOf(ctx, caseOf(ctx, caseNo)),

  'fees.pay': ({ caseNo, stage, amountFen, method }, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const t = terminalOf(ctx);
    const c = caseOf(ctx, caseNo);
    const { entryNo, changeFen } = durable(db, () => {
      const { changeFen } = checkPayment(accountOf(c, entryRows(db, c.caseNo)), amountFen, method.kind === 'cash' ? method.tenderedFen : undefined);
      const at = ctx.clock.nowIso();
      const day = businessDay(at);
      const no = nextEntryNo(db, t.terminalCode, day);
      const reference = method.kind === 'cash' ? null : method.reference;
      const billNo = method.kind === 'payment_code' ? (method.billNo || null) : null;
      const tenderedFen = method.kind === 'cash' ? method.tenderedFen : null;
      insertEntry(db, { entryNo: no, caseNo: c.caseNo, caseId: c.caseId, kind: 'payment', stage, method: method.kind, amountFen, tenderedFen, changeFen, reference, billNo, refundOf: null, supervisor: null, reason: null, at, day, staffId: staff.id });
      appendAudit(db, ctx.clock, { actor: staff.login, action: 'fee.payment', subject: c.caseNo, details: { entryNo: no, stage, method: method.kind, amountFen, tenderedFen, changeFen } });
      enqueueCommand(db, ctx.clock, 'recordPayment', { caseNo: c.caseNo, ...t, staff: staff.login, at, day, entryNo: no, stage, method: method.kind, amountFen, tenderedFen, changeFen, reference, billNo });
      return { entryNo: no, changeFen };
    });
    ctx.log.info({ caseNo: c.caseNo, entryNo }, 'payment committed');
    ctx.events.emit('cases.changed', { caseNo: c.caseNo });
    return { entryNo, changeFen, state: stateOf(ctx, c) };
  },

  'fees.refund': async ({ caseNo, paymentNo, amountFen, reason, supervisor, supervisorPassword }, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const t = terminalOf(ctx);
    const c = caseOf(ctx, caseNo);
    // Checked before the password, so a refund that cannot be made does not spend a sign-off.
    checkRefund(toFeeEntries(entryRows(db, c.caseNo)), paymentNo.toUpperCase(), amountFen);
    const signer = await requireSupervisor(ctx, supervisor, supervisorPassword, 'supervisorPassword', 'fees.refund');
    const entryNo = durable(db, () => {
      const rows = entryRows(db, c.caseNo);
      const refundOf = paymentNo.toUpperCase();
      checkRefund(toFeeEntries(rows), refundOf, amountFen);
      const method = rows.find((r) => r.entry_no === refundOf)?.method ?? 'cash';
      const at = ctx.clock.nowIso();
      const day = businessDay(at);
      const no = nextEntryNo(db, t.terminalCode, day);
      insertEntry(db, { entryNo: no, caseNo: c.caseNo, caseId: c.caseId, kind: 'refund', stage: null, method, amountFen, tenderedFen: null, changeFen: null, reference: null, billNo: null, refundOf, supervisor: signer.login, reason, at, day, staffId: staff.id });
      appendAudit(db, ctx.clock, { actor: signer.login, action: 'fee.refund', subject: c.caseNo, details: { entryNo: no, refundOf, method, amountFen, reason, clerk: staff.login } });
      enqueueCommand(db, ctx.clock, 'refundPayment', { caseNo: c.caseNo, ...t, staff: staff.login, at, day, entryNo: no, refundOf, method, amountFen, reason, supervisor: signer.login });
      return no;
    });
    ctx.events.emit('cases.changed', { caseNo: c.caseNo });
    return { entryNo, state: stateOf(ctx, c) };
  },

  'fees.waive': async ({ caseNo, amountFen, reason, supervisor, supervisorPassword }, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const t = terminalOf(ctx);
    const c = caseOf(ctx, caseNo);
    checkWaiver(accountOf(c, entryRows(db, c.caseNo)), amountFen);
    const signer = await requireSupervisor(ctx, supervisor, supervisorPassword, 'supervisorPassword', 'fees.waive');
    const entryNo = durable(db, () => {
      checkWaiver(accountOf(c, entryRows(db, c.caseNo)), amountFen);
      const at = ctx.clock.nowIso();
      const day = businessDay(at);
      const no = nextEntryNo(db, t.terminalCode, day);
      insertEntry(db, { entryNo: no, caseNo: c.caseNo, caseId: c.caseId, kind: 'waiver', stage: null, method: null, amountFen, tenderedFen: null, changeFen: null, reference: null, billNo: null, refundOf: null, supervisor: signer.login, reason, at, day, staffId: staff.id });
      appendAudit(db, ctx.clock, { actor: signer.login, action: 'fee.waiver', subject: c.caseNo, details: { entryNo: no, amountFen, reason, clerk: staff.login } });
      enqueueCommand(db, ctx.clock, 'waiveFee', { caseNo: c.caseNo, ...t, staff: staff.login, at, day, entryNo: no, amountFen, reason, supervisor: signer.login });
      return no;
    });
    ctx.events.emit('cases.changed', { caseNo: c.caseNo });
    return { entryNo, state: stateOf(ctx, c) };
  },

  'fees.previewSlip': async ({ entryNo, language, layout }, ctx) => {
    const no = entryNo.trim().toUpperCase();
    const printNo = receiptPrintsSoFar(ctx, no);
    const data = paymentSlipData(ctx, no, language, printNo > 0 ? printNo : null);
    const { pdf } = await renderPaymentSlip(data, layout);
    return { documentNo: data.documentNo, printNo, pdfBase64: pdf.toString('base64') };
  },

  'fees.printSlip': async ({ entryNo, language, layout, printer }, ctx) => {
    const no = entryNo.trim().toUpperCase();
    const printNo = receiptPrintsSoFar(ctx, no);
    const data = paymentSlipData(ctx, no, language, printNo > 0 ? printNo : null);
    const { pdf } = await renderPaymentSlip(data, layout);
    const done = await printReceipt(ctx, { kind: 'payment', documentNo: data.documentNo, caseNo: data.caseNo, printNo, pdf, layout, language, printer });
    return { documentNo: data.documentNo, printNo, ...done };
  },
} satisfies Partial<HandlerImpls>;
