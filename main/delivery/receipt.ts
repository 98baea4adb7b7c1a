import type { HandlerResult } from '../../core/api/contract.js';
import { applicantHash, signQr } from '../../core/notices/qr.js';
import type { DeliveryReceiptData, NoticeLanguage } from '../../core/notices/types.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import type { Database } from 'better-sqlite3';
import { getSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import type { HandlerContext } from '../handlers/context.js';
import { terminalKeys } from '../notices/keys.js';
import type { AfterIntakeCase } from './target.js';

interface DeliveryRow {
  document_no: string;
  relation: 'self' | 'legalRep' | 'agent' | 'post';
  collector_name: string;
  collector_id_type: string | null;
  collector_id_number: string | null;
  id_matches: number;
  override_by: string | null;
  courier: string | null;
  tracking_no: string | null;
  post_address: string | null;
  handed_over: string;
  delivered_at: string;
  staff_name: string;
}

export type RecordedDelivery = NonNullable<HandlerResult<'deliveries.get'>['delivery']>;

function deliveryRow(db: Database, caseNo: string): DeliveryRow | undefined {
  return stmt<DeliveryRow>(db, 'SELECT d.*, s.display_name AS staff_name FROM deliveries d JOIN staff s ON s.id = d.staff_id WHERE d.case_no = ?').get(caseNo);
}

export function recordedDelivery(db: Database, caseNo: string): RecordedDelivery | null {
  const r = deliveryRow(db, caseNo);
  if (!r) return null;
  return {
    documentNo: r.document_no, relation: r.relation, collectorName: r.collector_name, collectorIdNumber: r.collector_id_number, idMatches: r.id_matches === 1, overrideBy: r.override_by,
    post: r.courier && r.tracking_no && r.post_address ? { courier: r.courier, trackingNo: r.tracking_no, address: r.post_address } : null,
    handedOver: JSON.parse(r.handed_over) as RecordedDelivery['handedOver'], deliveredAt: r.delivered_at, staff: r.staff_name,
  };
}

/**
 * The 领取回执 of a case's delivery as it prints now. Its QR code is signed by this terminal for the
 * delivered case (outcome `delivered`, the day of delivery), hashed with the applicant's ID like a
 * notice's; for a case another window took, `notices.verify` looks up that window's key by the case
 * number and so cannot check it (noted in docs/DESIGN.md).
 */
export function deliveryReceiptData(ctx: HandlerContext, c: AfterIntakeCase, language: NoticeLanguage, reprint: number | null): DeliveryReceiptData {
  const { db } = ctx.store;
  const r = deliveryRow(db, c.caseNo);
  if (!r) throw new DomainError('not_found', `the result of ${c.caseNo} has not been handed over here`, 'caseNo', 'delivery_unknown');
  const handed = (JSON.parse(r.handed_over) as { name: string }[]).map((h) => h.name).join(language === 'zh-CN' ? '、' : '; ');
  const post = r.relation === 'post' ? (language === 'zh-CN' ? `（${r.courier ?? ''} ${r.tracking_no ?? ''} 寄往 ${r.post_address ?? ''}）` : ` (${r.courier ?? ''} ${r.tracking_no ?? ''} to ${r.post_address ?? ''})`) : '';
  const idOfCase = String(c.applicant.kind === 'organisation' ? (c.applicant.uscc ?? '') : (c.applicant.idNumber ?? ''));
  const keys = terminalKeys(db, ctx.clock.nowIso());
  return {
    language,
    documentNo: r.document_no,
    caseNo: c.caseNo,
    title: c.title[language],
    applicantName: c.applicantName,
    result: `${handed}${post}`,
    collector: { name: r.collector_name, idType: r.collector_id_type ?? '', idNumber: r.collector_id_number ?? '—', relation: r.relation },
    collectedAt: r.delivered_at,
    staff: r.staff_name,
    windowNo: getSetting(db, 'window_no'),
    hall: getSetting(db, 'hall'),
    district: getSetting(db, 'district'),
    reprint,
    qrPayload: signQr({ caseNo: c.caseNo, outcome: 'delivered', date: businessDay(r.delivered_at), applicantHash: applicantHash(c.caseNo, idOfCase) }, keys.privateKey),
  };
}
