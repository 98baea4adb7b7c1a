import { NOTICE_KIND_OF_OUTCOME, noticeDataFromCase, type NoticeKind, type NoticeLanguage, type NoticeLayout } from '../../core/notices/index.js';
import { applicantHash, signQr } from '../../core/notices/qr.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { caseDetail, type CaseDetail } from '../cases/queries.js';
import { getSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import { requireCatalog } from '../handlers/catalog.js';
import type { HandlerContext } from '../handlers/context.js';
import { terminalKeys } from './keys.js';
import { renderNotice, type RenderedPdf } from './render.js';

export interface NoticeRequest {
  caseNo: string;
  kind?: NoticeKind | undefined;
  layout: NoticeLayout;
  language: NoticeLanguage;
}

export interface PreparedNotice extends RenderedPdf {
  detail: CaseDetail & { id: number };
  kind: NoticeKind;
  documentNo: string;
  /** 0 for the first print, n for the n-th reprint. */
  printNo: number;
}

export function caseOrRefuse(ctx: HandlerContext, caseNo: string): CaseDetail & { id: number } {
  const no = caseNo.trim().toUpperCase();
  const detail = caseDetail(ctx.store.db, no);
  const row = stmt<{ id: number }>(ctx.store.db, 'SELECT id FROM cases WHERE case_no = ?').get(no);
  if (!detail || !row) throw new DomainError('not_found', `no case ${caseNo}`, 'caseNo', 'case_unknown');
  return { ...detail, id: row.id };
}

/**
 * The next print number of this notice of this case: one past the highest so far (voided prints and
 * prints being sent count: numbers are never reused; a print that failed gave its number back).
 */
export function printsSoFar(ctx: HandlerContext, caseId: number, kind: NoticeKind): number {
  return stmt<{ n: number }>(ctx.store.db, 'SELECT coalesce(max(print_no) + 1, 0) AS n FROM notices WHERE case_id = ? AND kind = ?').get(caseId, kind)?.n ?? 0;
}

/** The signed QR payload of a case: the same on every print of its notice. */
export function qrPayloadOf(ctx: HandlerContext, detail: CaseDetail): string {
  const keys = terminalKeys(ctx.store.db, ctx.clock.nowIso());
  const fields = { caseNo: detail.caseNo, outcome: detail.outcome, date: businessDay(detail.receivedAt), applicantHash: applicantHash(detail.caseNo, detail.applicantIdNumber) };
  return signQr(fields, keys.privateKey);
}

/** Renders a case's notice as it would print next (first print or the next reprint). Writes nothing but the key on first use. */
export async function prepareNotice(ctx: HandlerContext, req: NoticeRequest): Promise<PreparedNotice> {
  const detail = caseOrRefuse(ctx, req.caseNo);
  const kind = req.kind ?? NOTICE_KIND_OF_OUTCOME[detail.outcome];
  const printNo = printsSoFar(ctx, detail.id, kind);
  const { db } = ctx.store;
  const data = noticeDataFromCase(detail, {
    kind,
    language: req.language,
    catalog: requireCatalog(ctx).catalog,
    hall: getSetting(db, 'hall'),
    district: getSetting(db, 'district'),
    issuedAt: detail.receivedAt,
    reprint: printNo > 0 ? printNo : null,
    qrPayload: qrPayloadOf(ctx, detail),
  });
  const rendered = await renderNotice(data, req.layout);
  return { ...rendered, detail, kind, documentNo: data.documentNo, printNo };
}
