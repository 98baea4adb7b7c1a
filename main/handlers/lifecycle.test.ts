import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptedCase, markReady, pageImage, rowCounts } from '../../tests/support/after-intake.js';
import { person, receivedMarks, RESIDENCE_PERMIT, signedInTerminal, VALID_ID } from '../../tests/support/intake.js';
import { pendingCommands } from '../../tests/support/outbox.js';

const PHOTO = `${RESIDENCE_PERMIT}#photo`;
const HOUSING = `${RESIDENCE_PERMIT}#housing_proof`;
const target = { itemCodes: [RESIDENCE_PERMIT] };

describe('补正: a correction and its resubmission', () => {
  async function correction() {
    const t = await signedInTerminal();
    const intakeId = randomUUID();
    const marks = await receivedMarks(t.call, target, { [PHOTO]: 'to_correct' });
    // One received material is scanned; its PDF should come along to the resubmission.
    const first = marks.find((m) => m.status === 'received')!;
    await t.call('scans.import', { intakeId, source: 'file', fileName: 'id.png', dataBase64: await pageImage('身份证') });
    const batch = await t.call('scans.batch', { intakeId });
    if (!batch.ok) throw new Error(batch.error.message);
    await t.call('scans.assign', { intakeId, pageIds: batch.value.pages.map((p) => p.id), entryId: first.entryId });
    const r = await t.call('cases.requestCorrection', { intakeId, applicant: person(), target, materials: marks, deadline: '2026-12-03' });
    if (!r.ok) throw new Error(r.error.message);
    return { ...t, caseNo: r.value.caseNo, scannedEntry: first.entryId };
  }

  it('lists it as awaiting, then overdue; carries its received materials over; the resubmission closes it', async () => {
    const { ctx, call, caseNo, scannedEntry } = await correction();
    expect(await call('corrections.list', { state: 'awaiting' })).toMatchObject({ ok: true, value: [{ caseNo, deadline: '2026-12-03', daysLeft: 7, toSupply: [expect.stringContaining('照片')] }] });
    expect(await call('corrections.list', { state: 'overdue' })).toMatchObject({ ok: true, value: [] });
    const carry = await call('corrections.carryOver', { caseNo });
    if (!carry.ok) throw new Error(carry.error.message);
    expect(carry.value.toSupply.map((m) => m.entryId)).toEqual([PHOTO]);
    expect(carry.value.received.find((m) => m.entryId === scannedEntry)?.scannedPages).toBe(1);

    const materials = await receivedMarks(call, target);
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials, resubmissionOf: caseNo.toLowerCase() });
    if (!r.ok) throw new Error(r.error.message);
    const original = ctx.store.db.prepare('SELECT pdf_sha256 FROM case_scans cs JOIN cases c ON c.id = cs.case_id WHERE c.case_no = ?').get(caseNo) as { pdf_sha256: string };
    const carried = ctx.store.db.prepare('SELECT entry_id, pdf_sha256 FROM case_scans cs JOIN cases c ON c.id = cs.case_id WHERE c.case_no = ?').all(r.value.caseNo);
    expect(carried).toEqual([{ entry_id: scannedEntry, pdf_sha256: original.pdf_sha256 }]);
    const cmd = pendingCommands(ctx.store.db).find((c) => (c.args as { caseNo: string }).caseNo === r.value.caseNo);
    expect(cmd?.args).toMatchObject({ input: { resubmissionOf: caseNo }, scans: [{ entryId: scannedEntry, pdf: original.pdf_sha256 }] });
    expect(cmd?.blobs).toEqual([original.pdf_sha256]);
    expect(await call('corrections.list', { state: 'awaiting' })).toMatchObject({ ok: true, value: [] });
    const detail = await call('cases.get', { caseNo });
    expect(detail.ok && detail.value.timeline.map((s) => s.step)).toEqual(['correction', 'resubmitted']);
    expect(await call('corrections.carryOver', { caseNo })).toMatchObject({ ok: false, error: { reason: 'resubmission_closed' } });
    expect(await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials, resubmissionOf: caseNo })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'resubmissionOf', reason: 'resubmission_closed' } });
  });

  it('refuses a resubmission naming a case that is not a correction, another applicant’s, or none, writing nothing', async () => {
    const { ctx, call, caseNo } = await correction();
    const accepted = await acceptedCase(call, RESIDENCE_PERMIT);
    const materials = await receivedMarks(call, target);
    const before = rowCounts(ctx);
    const go = (resubmissionOf: string, applicant = person()) => call('cases.accept', { intakeId: randomUUID(), applicant, target, materials, resubmissionOf });
    expect(await go(accepted)).toMatchObject({ ok: false, error: { field: 'resubmissionOf', reason: 'resubmission_not_correction' } });
    expect(await go(caseNo, person({ idNumber: '110101199003070011', name: '张三' }))).toMatchObject({ ok: false, error: { field: 'resubmissionOf', reason: 'resubmission_other_applicant' } });
    expect(await go('T3101040007-20261126-0999')).toMatchObject({ ok: false, error: { code: 'not_found', field: 'resubmissionOf', reason: 'case_unknown' } });
    expect(rowCounts(ctx)).toEqual(before);
    expect((ctx.store.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2);
    // After the deadline it is overdue.
    (ctx.clock as unknown as { set(iso: string): void }).set('2026-12-04T02:00:00.000Z');
    await call('auth.signIn', { login: 'wang', password: 'clerk-pass-1' });
    expect(await call('corrections.list', { state: 'overdue' })).toMatchObject({ ok: true, value: [{ caseNo, daysLeft: -1 }] });
  });
});

describe('容缺: promised materials', () => {
  async function withGaps() {
    const t = await signedInTerminal();
    const materials = await receivedMarks(t.call, target, { [HOUSING]: 'missing' });
    const r = await t.call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials, gaps: { promisedDate: '2026-11-28', commitmentSigned: true } });
    if (!r.ok) throw new Error(r.error.message);
    return { ...t, caseNo: r.value.caseNo };
  }

  it('lists a promise due within 3 days; records it received with its scan, queued with the PDF', async () => {
    const { ctx, call, caseNo } = await withGaps();
    expect(await call('promises.list', { state: 'due' })).toMatchObject({ ok: true, value: [{ caseNo, entryId: HOUSING, promisedDate: '2026-11-28', daysLeft: 2 }] });
    expect(await call('promises.list', { state: 'due', withinDays: 1 })).toMatchObject({ ok: true, value: [] });
    const before = rowCounts(ctx);
    const recordId = randomUUID();
    expect(await call('promises.receive', { caseNo, entryId: HOUSING, recordId })).toMatchObject({ ok: false, error: { field: 'recordId', reason: 'promise_pages_missing' } });
    expect(await call('promises.receive', { caseNo, entryId: PHOTO, recordId })).toMatchObject({ ok: false, error: { field: 'entryId', reason: 'promise_not_a_gap' } });
    expect(await call('promises.fail', { caseNo, entryId: HOUSING, recordId, reason: '申请人未按期补齐' })).toMatchObject({ ok: false, error: { reason: 'promise_not_overdue' } });
    expect(await call('promises.fail', { caseNo, entryId: HOUSING, recordId, reason: '未\u0007补' })).toMatchObject({ ok: false, error: { field: 'reason', reason: 'reason_control_chars' } });
    expect(rowCounts(ctx)).toEqual(before);
    await call('scans.import', { intakeId: recordId, source: 'file', fileName: 'house.png', dataBase64: await pageImage('房产证') });
    expect(await call('promises.receive', { caseNo, entryId: HOUSING, recordId })).toMatchObject({ ok: true, value: { pages: 1 } });
    const cmd = pendingCommands(ctx.store.db).find((c) => c.name === 'recordPromisedMaterial');
    expect(cmd?.args).toMatchObject({ caseNo, entryId: HOUSING, pageCount: 1 });
    expect(cmd?.blobs).toEqual([(cmd?.args as { pdf: string }).pdf]);
    expect(await call('promises.list', { state: 'due' })).toMatchObject({ ok: true, value: [] });
    expect(await call('promises.receive', { caseNo, entryId: HOUSING, recordId: randomUUID() })).toMatchObject({ ok: false, error: { reason: 'promise_closed' } });
    const detail = await call('cases.get', { caseNo });
    expect(detail.ok && detail.value.materials.find((m) => m.entryId === HOUSING)).toMatchObject({ status: 'missing', scannedPages: 1 });
  });

  it('an overdue promise is listed and can be closed as failed; the centre is told', async () => {
    const { ctx, call, caseNo } = await withGaps();
    (ctx.clock as unknown as { set(iso: string): void }).set('2026-11-30T02:00:00.000Z');
    await call('auth.signIn', { login: 'wang', password: 'clerk-pass-1' });
    expect(await call('promises.list', { state: 'overdue' })).toMatchObject({ ok: true, value: [{ caseNo, daysLeft: -2 }] });
    expect(await call('promises.fail', { caseNo, entryId: HOUSING, recordId: randomUUID(), reason: '申请人未按期补齐' })).toMatchObject({ ok: true, value: { failed: true } });
    expect(pendingCommands(ctx.store.db).find((c) => c.name === 'failPromise')?.args).toMatchObject({ caseNo, entryId: HOUSING, reason: '申请人未按期补齐' });
    expect(await call('promises.list', { state: 'overdue' })).toMatchObject({ ok: true, value: [] });
  });
});

describe('the timeline of a case', () => {
  it('shows the intake, the back office’s steps and the delivery made here, then the centre’s word on it', async () => {
    const { ctx, call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, RESIDENCE_PERMIT);
    const history = [
      { status: 'received', at: '2026-11-26T01:00:05.000Z', by: 'central' },
      { status: 'in_review', at: '2026-11-27T01:00:00.000Z', by: '审批科' },
      { status: 'decided', at: '2026-11-28T01:00:00.000Z', by: '审批科' },
      { status: 'ready_for_delivery', at: '2026-11-29T01:00:00.000Z', by: '审批科' },
    ];
    markReady(ctx, caseNo, { at: '2026-11-29T01:00:00.000Z' });
    ctx.store.db.prepare('UPDATE central_case_status SET history = ? WHERE case_no = ?').run(JSON.stringify(history), caseNo);
    (ctx.clock as unknown as { set(iso: string): void }).set('2026-11-30T02:00:00.000Z');
    await call('auth.signIn', { login: 'wang', password: 'clerk-pass-1' });
    expect((await call('deliveries.deliver', { caseNo, deliveryId: randomUUID(), collector: { kind: 'applicant', idType: 'resident_id', idNumber: VALID_ID }, handedOver: ['result'] })).ok).toBe(true);
    const steps = async () => {
      const r = await call('cases.get', { caseNo });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.timeline.map((s) => `${s.step}:${s.where ?? ''}`);
    };
    expect(await steps()).toEqual(['accepted:12', 'in_review:', 'decided:', 'ready_for_delivery:', 'delivered_here:']);
    // The centre says it was delivered at another window first, and refused ours.
    ctx.store.db.prepare("UPDATE central_case_status SET status = 'delivered', history = ?, delivery = ? WHERE case_no = ?").run(
      JSON.stringify([...history, { status: 'delivered', at: '2026-11-30T01:30:00.000Z', by: 'T3101040008/8/zhao' }]),
      JSON.stringify({ terminalCode: 'T3101040008', windowNo: '8', staff: 'zhao', relation: 'agent', at: '2026-11-30T01:30:00.000Z' }),
      caseNo,
    );
    ctx.store.db.prepare("INSERT INTO sync_rejections (outbox_seq, terminal_id, seq, name, case_no, code, reason, at) VALUES (99, 't', 9, 'deliverResult', ?, 'already_delivered', 'the result was already handed over at window 8 (T3101040008) by zhao', '2026-11-30T02:05:00.000Z')").run(caseNo);
    expect(await steps()).toEqual(['accepted:12', 'in_review:', 'decided:', 'ready_for_delivery:', 'delivered:T3101040008 / 8', 'delivery_refused:']);
  });
});
