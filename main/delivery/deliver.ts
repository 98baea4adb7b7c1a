import type { z } from 'zod';
import type { Contract, HandlerResult } from '../../core/api/contract.js';
import { caseParty, checkHandover, checkReady, handoverList, planCollector, type HandoverEntry } from '../../core/delivery/index.js';
import { checkSettled } from '../../core/fees/index.js';
import { documentNumber } from '../../core/notices/from-case.js';
import { DomainError } from '../../core/result.js';
import { businessDay } from '../../core/time.js';
import { requireSupervisor } from '../auth/supervisor.js';
import { appendAudit } from '../db/audit.js';
import { durable } from '../db/durable.js';
import { enqueueCommand } from '../db/outbox.js';
import { getSetting } from '../db/settings.js';
import { stmt } from '../db/statements.js';
import { accountOf, entryRows } from '../fees/ledger.js';
import type { HandlerContext } from '../handlers/context.js';
import { batchPdf, closeBatch, keptPages } from '../scanning/batch-pdf.js';
import { afterIntakeCase, type AfterIntakeCase } from './target.js';
import { deliveredHere } from './worklist.js';

type DeliverInput = z.output<Contract['deliveries.deliver']['input']>;

/** What the clerk hands over: the result (the back office's document, or the case's result by name) and the originals lent at intake. */
export function handoverOf(c: AfterIntakeCase): HandoverEntry[] {
  return handoverList({ resultDocument: c.central?.resultDocument ?? null, resultFallback: `${c.title['zh-CN']} 办理结果`, materials: c.materials });
}

/** Everything that must hold for the result to go, checked before the sign-off and again inside the transaction. */
function checkDeliverable(ctx: HandlerContext, c: AfterIntakeCase): void {
  const { db } = ctx.store;
  checkReady({ outcome: c.outcome, centralStatus: c.central?.status ?? null, delivered: deliveredHere(db, c.caseNo) });
  checkSettled(accountOf(c, entryRows(db, c.caseNo)));
}

/**
 * 出件: checks who collects (core/delivery), that the centre marked the result ready and that it was
 * neither handed over nor is owed a fee, then writes the delivery, its journal entries (the override
 * under the supervisor's name) and its outbox command in ONE transaction. The power of attorney's
 * PDF is assembled and stored first and travels as the command's blob.
 */
export async function deliver(ctx: HandlerContext, input: DeliverInput): Promise<HandlerResult<'deliveries.deliver'>> {
  const staff = ctx.session.requireStaff();
  const { db } = ctx.store;
  const terminalCode = getSetting(db, 'terminal_code');
  if (!terminalCode) throw new DomainError('unavailable', 'this terminal has no terminal code yet', undefined, 'terminal_not_set');
  const windowNo = getSetting(db, 'window_no');
  if (stmt(db, 'SELECT 1 FROM deliveries WHERE delivery_id = ?').get(input.deliveryId)) {
    throw new DomainError('conflict', 'this delivery has already been submitted', 'deliveryId', 'already_delivered');
  }
  const c = afterIntakeCase(db, ctx.catalog?.catalog ?? null, input.caseNo);
  checkDeliverable(ctx, c);
  const handed = checkHandover(handoverOf(c), input.handedOver);
  const today = businessDay(ctx.clock.nowIso());
  const plan = planCollector({ party: caseParty(c.applicant), collector: input.collector, override: input.override, powerOfAttorneyPages: keptPages(db, input.deliveryId), today });
  const signer = plan.override ? await requireSupervisor(ctx, plan.override.supervisor, input.supervisorPassword, 'supervisorPassword', 'deliveries.collector_override') : null;
  const poa = plan.relation === 'agent' ? await batchPdf(db, ctx.blobs, input.deliveryId, `授权委托书 ${c.caseNo}`) : null;
  if (plan.relation === 'agent' && !poa) throw new DomainError('invalid_input', 'scan the power of attorney (授权委托书) into this delivery first', 'powerOfAttorney', 'power_of_attorney_missing');

  const documentNo = documentNumber('delivery', c.caseNo);
  const at = durable(db, () => {
    checkDeliverable(ctx, c);
    const now = ctx.clock.nowIso();
    const day = businessDay(now);
    if (poa) closeBatch(db, ctx.blobs, poa, c.caseId);
    stmt(
      db,
      `INSERT INTO deliveries (case_no, case_id, delivery_id, document_no, relation, collector_name, collector_id_type, collector_id_number, id_read, id_matches,
         override_by, override_reason, courier, tracking_no, post_address, handed_over, power_of_attorney, delivered_at, day, staff_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.caseNo, c.caseId, input.deliveryId, documentNo, plan.relation, plan.name, plan.idType, plan.idNumber, input.collector.kind === 'post' ? 0 : input.collector.read ? 1 : 0,
      plan.idMatches ? 1 : 0, signer?.login ?? null, plan.override?.reason ?? null, plan.post?.courier ?? null, plan.post?.trackingNo ?? null, plan.post?.address ?? null,
      JSON.stringify(handed), poa?.pdf ?? null, now, day, staff.id,
    );
    if (signer && plan.override) {
      appendAudit(db, ctx.clock, { actor: signer.login, action: 'delivery.collector_override', subject: c.caseNo, details: { reason: plan.override.reason, clerk: staff.login, relation: plan.relation } });
    }
    appendAudit(db, ctx.clock, {
      actor: staff.login,
      action: 'delivery.deliver',
      subject: c.caseNo,
      details: { documentNo, relation: plan.relation, idMatches: plan.idMatches, handedOver: handed.map((h) => h.id), post: plan.post ? { courier: plan.post.courier, trackingNo: plan.post.trackingNo } : null, powerOfAttorney: poa?.pdf ?? null },
    });
    const idRead = input.collector.kind === 'post' ? false : input.collector.read;
    enqueueCommand(
      db,
      ctx.clock,
      'deliverResult',
      {
        caseNo: c.caseNo, terminalCode, windowNo, staff: staff.login, at: now, day, deliveryId: input.deliveryId, documentNo,
        collector: { relation: plan.relation, name: plan.name, idType: plan.idType, idNumber: plan.idNumber, idRead, idMatches: plan.idMatches },
        override: signer && plan.override ? { supervisor: signer.login, reason: plan.override.reason } : null,
        post: plan.post,
        handedOver: handed.map((h) => ({ ...h })),
        powerOfAttorney: poa ? { pdf: poa.pdf, pageCount: poa.pageCount } : null,
      },
      poa ? [poa.pdf] : [],
    );
    return now;
  });
  ctx.log.info({ caseNo: c.caseNo, documentNo }, 'delivery committed');
  ctx.events.emit('cases.changed', { caseNo: c.caseNo });
  return { documentNo, relation: plan.relation, deliveredAt: at, idMatches: plan.idMatches };
}
