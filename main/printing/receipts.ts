import { DomainError } from '../../core/result.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import type { HandlerContext } from '../handlers/context.js';
import { choosePrinter } from './choose.js';
import { PrintError } from './printer.js';

/**
 * Prints of the slips the counter hands over besides the notices: the 领取回执 of a delivery and the
 * slip of a fee entry. Each print is a row of `receipt_prints` and a journal entry; a reprint is
 * marked on the page (the caller renders with `reprint`), and a failed job is journaled and can be
 * tried again. These are records at the window: the delivery or payment itself was queued for the
 * centre when it was made.
 */
export type ReceiptKind = 'delivery' | 'payment';

export function receiptPrintsSoFar(ctx: HandlerContext, documentNo: string): number {
  return stmt<{ n: number }>(ctx.store.db, 'SELECT count(*) AS n FROM receipt_prints WHERE document_no = ?').get(documentNo)?.n ?? 0;
}

export async function printReceipt(
  ctx: HandlerContext,
  job: { kind: ReceiptKind; documentNo: string; caseNo: string; printNo: number; pdf: Buffer; layout: 'a4' | 'receipt'; language: string; printer?: string | undefined },
): Promise<{ printer: string; jobId: string }> {
  const staff = ctx.session.requireStaff();
  const { db } = ctx.store;
  const printer = await choosePrinter(ctx, job.kind, job.printer);
  let jobId: string;
  try {
    ({ jobId } = await ctx.printer.print({ pdf: job.pdf, printer, title: job.documentNo, media: job.layout === 'a4' ? 'A4' : 'roll80' }));
  } catch (err) {
    if (!(err instanceof PrintError)) throw err;
    appendAudit(db, ctx.clock, { actor: staff.login, action: `${job.kind}.print_failed`, subject: job.caseNo, details: { documentNo: job.documentNo, printer, reason: err.reason, message: err.message } });
    throw new DomainError(err.code, err.message, 'printer', err.reason);
  }
  db.transaction(() => {
    const now = ctx.clock.nowIso();
    stmt(db, 'INSERT INTO receipt_prints (document_no, case_no, kind, print_no, layout, language, printer, job_id, printed_at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      job.documentNo, job.caseNo, job.kind, job.printNo, job.layout, job.language, printer, jobId, now, staff.id,
    );
    appendAudit(db, ctx.clock, { actor: staff.login, action: job.printNo === 0 ? `${job.kind}.print` : `${job.kind}.reprint`, subject: job.caseNo, details: { documentNo: job.documentNo, printNo: job.printNo, layout: job.layout, printer, jobId } });
  })();
  return { printer, jobId };
}
