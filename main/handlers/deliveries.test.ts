import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandArgsSchemas } from '../../sync/protocol/index.js';
import { acceptedCase, ID_RENEWAL, markReady, OTHER_ID, pageImage, PROPERTY_TRANSFER, rowCounts } from '../../tests/support/after-intake.js';
import { signedInTerminal, SUPERVISOR, VALID_ID } from '../../tests/support/intake.js';
import { verifyAudit } from '../db/audit.js';
import { pendingCommands } from '../../tests/support/outbox.js';

const pdfText = (base64: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'ow-receipt-')), 'r.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

async function paidReadyCase() {
  const t = await signedInTerminal();
  const caseNo = await acceptedCase(t.call, ID_RENEWAL);
  const paid = await t.call('fees.pay', { caseNo, stage: 'intake', amountFen: 2000, method: { kind: 'card', reference: 'POS-88' } });
  if (!paid.ok) throw new Error(paid.error.message);
  return { ...t, caseNo };
}

const self = (idNumber = VALID_ID) => ({ kind: 'applicant' as const, idType: 'resident_id' as const, idNumber });

describe('出件 through the handlers', () => {
  it('refuses a case the centre has not marked ready, then lists it once ready and hands it to the applicant', async () => {
    const { ctx, call, caseNo } = await paidReadyCase();
    const before = rowCounts(ctx);
    expect(await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: self(), handedOver: ['result'] })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'case_not_ready' } });
    expect(await call('deliveries.list', {})).toMatchObject({ ok: true, value: { rows: [], next: null } });
    markReady(ctx, caseNo, { resultDocument: { name: '居民身份证', sha256: 'a'.repeat(64) } });
    const list = await call('deliveries.list', {});
    expect(list).toMatchObject({ ok: true, value: { rows: [{ caseNo, outstandingFen: 0, resultDocument: '居民身份证', here: true, waitingDays: 0 }] } });
    const detail = await call('deliveries.get', { caseNo });
    expect(detail).toMatchObject({ ok: true, value: { readiness: 'ready', idTypeExpected: 'resident_id', delivery: null } });
    expect(detail.ok && detail.value.handover[0]).toEqual({ id: 'result', name: '居民身份证', kind: 'result' });
    expect(rowCounts(ctx)).toEqual(before);

    const done = await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: { ...self('110105 19491231 002x'), read: true }, handedOver: ['result'] });
    expect(done).toMatchObject({ ok: true, value: { documentNo: `LQ-${caseNo}`, relation: 'self', idMatches: true } });
    const cmd = pendingCommands(ctx.store.db).find((c) => c.name === 'deliverResult');
    expect(commandArgsSchemas.deliverResult.safeParse(cmd?.args).success).toBe(true);
    expect(cmd?.args).toMatchObject({ caseNo, documentNo: `LQ-${caseNo}`, collector: { relation: 'self', idNumber: VALID_ID, idRead: true, idMatches: true }, override: null, handedOver: [{ id: 'result' }] });
    expect(await call('deliveries.list', {})).toMatchObject({ ok: true, value: { rows: [] } });
    expect(await call('deliveries.get', { caseNo })).toMatchObject({ ok: true, value: { readiness: 'delivered', delivery: { relation: 'self', staff: '王𠮷' } } });
    expect(await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: self(), handedOver: ['result'] })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'already_delivered' } });
    expect(verifyAudit(ctx.store.db).ok).toBe(true);

    const receipt = await call('deliveries.previewReceipt', { caseNo, layout: 'a4' });
    if (!receipt.ok) throw new Error(receipt.error.message);
    const text = pdfText(receipt.value.pdfBase64);
    for (const s of [caseNo, '居民身份证', '王𠮷', VALID_ID, '申请人本人']) expect(text).toContain(s);
  });

  it('refuses an unpaid fee, a mismatched ID (unless a supervisor overrides with a reason), and an unticked result, writing nothing', async () => {
    const { ctx, call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, PROPERTY_TRANSFER);
    markReady(ctx, caseNo);
    const before = rowCounts(ctx);
    const go = (o: Record<string, unknown>) => call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: self(), handedOver: ['result'], ...o } as never);
    expect(await go({})).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'fee_unpaid' } });
    expect(await call('deliveries.get', { caseNo })).toMatchObject({ ok: true, value: { readiness: 'fee_unpaid', fee: { account: { outstandingFen: 8000 }, suggested: { delivery: 8000, intake: 0 } } } });
    const paid = await call('fees.pay', { caseNo, stage: 'delivery', amountFen: 8000, method: { kind: 'payment_code', reference: '310000260000123456', billNo: '3100012345' } });
    expect(paid.ok).toBe(true);
    const afterPay = rowCounts(ctx);
    expect(await go({ collector: self(OTHER_ID) })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'collector.idNumber', reason: 'collector_id_mismatch' } });
    expect(await go({ collector: self('110105194912310021') })).toMatchObject({ ok: false, error: { field: 'collector.idNumber', reason: 'id_checksum' } });
    expect(await go({ collector: self(OTHER_ID), override: { supervisor: SUPERVISOR.login, reason: '持新证，旧证号一致已核' }, supervisorPassword: 'nope' })).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'supervisor_sign_off_refused' } });
    expect(await go({ collector: self(OTHER_ID), override: { supervisor: SUPERVISOR.login, reason: '好' }, supervisorPassword: SUPERVISOR.password })).toMatchObject({ ok: false, error: { field: 'override.reason', reason: 'reason_too_short' } });
    expect(await go({ handedOver: ['original:nope'] })).toMatchObject({ ok: false, error: { field: 'handedOver', reason: 'handover_unknown' } });
    expect(await go({ handedOver: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'handedOver' } });
    expect(await go({ caseNo: 'T3101040007-20261126-0999' })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'case_unknown' } });
    expect(rowCounts(ctx)).toEqual(afterPay);
    expect(afterPay.fees).toBe(before.fees + 1);

    const over = await go({ collector: self(OTHER_ID), override: { supervisor: SUPERVISOR.login, reason: '持新证，旧证号一致已核' }, supervisorPassword: SUPERVISOR.password });
    expect(over).toMatchObject({ ok: true, value: { idMatches: false } });
    const journal = ctx.store.db.prepare("SELECT actor, action FROM audit_journal WHERE action LIKE 'delivery.%' ORDER BY seq").all();
    expect(journal).toEqual([{ actor: SUPERVISOR.login, action: 'delivery.collector_override' }, { actor: 'wang', action: 'delivery.deliver' }]);
    expect(pendingCommands(ctx.store.db).find((c) => c.name === 'deliverResult')?.args).toMatchObject({ override: { supervisor: SUPERVISOR.login }, collector: { idMatches: false, idNumber: OTHER_ID } });
  });

  it('an agent needs the power of attorney scanned into the delivery; it travels as the command’s blob', async () => {
    const { ctx, call, caseNo } = await paidReadyCase();
    markReady(ctx, caseNo);
    const deliveryId = randomUUID();
    const agent = { kind: 'agent' as const, name: '张三', idType: 'resident_id' as const, idNumber: OTHER_ID };
    expect(await call('deliveries.deliver', { caseNo, deliveryId, collector: agent, handedOver: ['result'] })).toMatchObject({ ok: false, error: { field: 'powerOfAttorney', reason: 'power_of_attorney_missing' } });
    expect(await call('scans.import', { intakeId: deliveryId, source: 'file', fileName: 'poa.png', dataBase64: await pageImage() })).toMatchObject({ ok: true, value: { added: 1 } });
    const done = await call('deliveries.deliver', { caseNo, deliveryId, collector: agent, handedOver: ['result'] });
    expect(done).toMatchObject({ ok: true, value: { relation: 'agent' } });
    const cmd = pendingCommands(ctx.store.db).find((c) => c.name === 'deliverResult');
    const poa = (cmd?.args as { powerOfAttorney: { pdf: string; pageCount: number } }).powerOfAttorney;
    expect(poa.pageCount).toBe(1);
    expect(cmd?.blobs).toEqual([poa.pdf]);
    expect(ctx.blobs.has(poa.pdf)).toBe(true);
    // The batch is done: no more pages, and it is not offered as an unfinished intake.
    expect(await call('scans.import', { intakeId: deliveryId, source: 'file', fileName: 'late.png', dataBase64: await pageImage('late') })).toMatchObject({ ok: false, error: { reason: 'batch_closed' } });
    expect(await call('scans.openBatches', {})).toMatchObject({ ok: true, value: { batches: [] } });
  });

  it('by post: courier, tracking number and the address, checked as text', async () => {
    const { ctx, call, caseNo } = await paidReadyCase();
    markReady(ctx, caseNo);
    const post = (o: Record<string, unknown> = {}) => ({ kind: 'post', courier: '中国邮政EMS', trackingNo: 'EM123456789CN', address: '上海市徐汇区漕溪北路1号', ...o });
    expect(await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: post({ address: '漕溪北路\u0000' }), handedOver: ['result'] } as never)).toMatchObject({ ok: false, error: { field: 'collector.address', reason: 'address_control_chars' } });
    expect(await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: post({ trackingNo: '12' }), handedOver: ['result'] } as never)).toMatchObject({ ok: false, error: { field: 'collector.trackingNo', reason: 'tracking_no_format' } });
    const done = await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: post(), handedOver: ['result'] } as never);
    expect(done).toMatchObject({ ok: true, value: { relation: 'post' } });
    expect(await call('deliveries.get', { caseNo })).toMatchObject({ ok: true, value: { delivery: { relation: 'post', post: { trackingNo: 'EM123456789CN' } } } });
  });

  it('the work list searches by case number, name and ID number, filters by item and waiting days, and pages in order', async () => {
    const { ctx, call } = await signedInTerminal();
    const a = await acceptedCase(call, ID_RENEWAL);
    const b = await acceptedCase(call, PROPERTY_TRANSFER);
    markReady(ctx, a, { at: '2026-11-20T02:00:00.000Z' });
    markReady(ctx, b, { at: '2026-11-26T00:30:00.000Z' });
    const nos = async (input: Record<string, unknown>) => {
      const r = await call('deliveries.list', input as never);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.rows.map((x) => x.caseNo);
    };
    expect(await nos({})).toEqual([a, b]);
    expect(await nos({ query: a.slice(0, -2) })).toEqual([a, b]);
    expect(await nos({ query: a })).toEqual([a]);
    expect(await nos({ query: '𠮷' })).toEqual([a, b]);
    expect(await nos({ query: VALID_ID.toLowerCase() })).toEqual([a, b]);
    expect(await nos({ query: '不存在的人' })).toEqual([]);
    expect(await nos({ itemCode: PROPERTY_TRANSFER })).toEqual([b]);
    expect(await nos({ minWaitingDays: 6 })).toEqual([a]);
    expect(await nos({ minWaitingDays: 7 })).toEqual([]);
    const first = await call('deliveries.list', { limit: 1 });
    if (!first.ok || !first.value.next) throw new Error('no next page');
    expect(first.value.rows[0]).toMatchObject({ caseNo: a, waitingDays: 6, outstandingFen: 2000 });
    expect(await nos({ limit: 1, after: first.value.next })).toEqual([b]);
  });
});
