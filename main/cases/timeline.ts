import type { Database } from 'better-sqlite3';
import type { HandlerResult } from '../../core/api/contract.js';
import { stmt } from '../db/statements.js';

export type TimelineStep = HandlerResult<'cases.get'>['timeline'][number];

/**
 * A case's life as this window knows it: the intake here, every step the back office made (the
 * history the centre sends), the delivery wherever it happened (this window's while it waits for the
 * centre, then the centre's word, which may name another window), a delivery of ours the centre
 * refused, and a correction closed by its resubmission. Oldest first.
 */
export function caseTimeline(db: Database, caseNo: string, intake: { outcome: string; at: string; by: string; windowNo: string | null }): TimelineStep[] {
  const steps: TimelineStep[] = [{ step: intake.outcome, at: intake.at, by: intake.by, where: intake.windowNo, note: null }];
  const central = stmt<{ status: string; at: string; by: string; history: string | null; delivery: string | null }>(db, 'SELECT status, at, by, history, delivery FROM central_case_status WHERE case_no = ?').get(caseNo);
  const history = central?.history ? (JSON.parse(central.history) as { status: string; at: string; by: string }[]) : central ? [{ status: central.status, at: central.at, by: central.by }] : [];
  const delivery = central?.delivery ? (JSON.parse(central.delivery) as { terminalCode: string; windowNo: string | null; staff: string; relation: string; at: string }) : null;
  for (const h of history) {
    if (h.status === 'received') continue; // the intake above is that step
    if (h.status === 'delivered' && delivery) steps.push({ step: 'delivered', at: delivery.at || h.at, by: delivery.staff, where: `${delivery.terminalCode}${delivery.windowNo ? ` / ${delivery.windowNo}` : ''}`, note: delivery.relation });
    else steps.push({ step: h.status, at: h.at, by: h.by, where: null, note: null });
  }
  const here = stmt<{ delivered_at: string; relation: string; login: string }>(db, 'SELECT d.delivered_at, d.relation, s.login FROM deliveries d JOIN staff s ON s.id = d.staff_id WHERE d.case_no = ?').get(caseNo);
  const refused = stmt<{ at: string; code: string; reason: string }>(db, "SELECT at, code, reason FROM sync_rejections WHERE case_no = ? AND name = 'deliverResult' ORDER BY outbox_seq DESC LIMIT 1").get(caseNo);
  if (here && !delivery) steps.push({ step: 'delivered_here', at: here.delivered_at, by: here.login, where: null, note: here.relation });
  if (refused) steps.push({ step: 'delivery_refused', at: refused.at, by: 'central', where: null, note: refused.reason });
  const resubmitted = stmt<{ at: string; case_no: string }>(db, 'SELECT r.at, n.case_no FROM resubmissions r JOIN cases o ON o.id = r.original_case_id JOIN cases n ON n.id = r.case_id WHERE o.case_no = ?').get(caseNo);
  if (resubmitted) steps.push({ step: 'resubmitted', at: resubmitted.at, by: null, where: null, note: resubmitted.case_no });
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
