import { describe, expect, it } from 'vitest';
import { acceptedCase, ID_RENEWAL, PROPERTY_TRANSFER, rowCounts } from '../../tests/support/after-intake.js';
import { acceptInput, signedInTerminal, SUPERVISOR, RESIDENCE_PERMIT } from '../../tests/support/intake.js';
import { pendingCommands } from '../../tests/support/outbox.js';
import { commandArgsSchemas } from '../../sync/protocol/index.js';

describe('fees at the counter', () => {
  it('shows the fee with its basis, takes cash with change, queues the payment, and suggests nothing more at intake', async () => {
    const { ctx, call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, ID_RENEWAL);
    const state = await call('fees.get', { caseNo });
    expect(state).toMatchObject({ ok: true, value: { account: { dueFen: 2000, outstandingFen: 0 + 2000 }, suggested: { intake: 2000, delivery: 2000 } } });
    expect(state.ok && state.value.lines[0]?.basis?.['zh-CN']).toContain('发改价格〔2003〕2322号');
    const paid = await call('fees.pay', { caseNo, stage: 'intake', amountFen: 2000, method: { kind: 'cash', tenderedFen: 5000 } });
    if (!paid.ok) throw new Error(paid.error.message);
    expect(paid.value.entryNo).toBe('SF-T3101040007-20261126-0001');
    expect(paid.value.changeFen).toBe(3000);
    expect(paid.value.state.account.outstandingFen).toBe(0);
    const [cmd] = pendingCommands(ctx.store.db).filter((c) => c.name === 'recordPayment');
    expect(commandArgsSchemas.recordPayment.safeParse(cmd?.args).success).toBe(true);
    expect(cmd?.args).toMatchObject({ caseNo, entryNo: paid.value.entryNo, amountFen: 2000, tenderedFen: 5000, changeFen: 3000, method: 'cash' });
    expect(await call('fees.pay', { caseNo, stage: 'intake', amountFen: 100, method: { kind: 'qr', reference: 'WX2026112600001' } })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'fee_already_paid' } });
  });

  it('refuses bad amounts and references on their field, writing nothing', async () => {
    const { ctx, call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, PROPERTY_TRANSFER);
    const before = rowCounts(ctx);
    const pay = (amountFen: number, method: Record<string, unknown> = { kind: 'card', reference: 'POS-1' }) => call('fees.pay', { caseNo, stage: 'delivery', amountFen, method } as never);
    expect(await pay(-100)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'amountFen', reason: 'amount_negative' } });
    expect(await pay(12.5)).toMatchObject({ ok: false, error: { field: 'amountFen', reason: 'amount_fraction' } });
    expect(await pay(100_000_001)).toMatchObject({ ok: false, error: { field: 'amountFen', reason: 'amount_too_large' } });
    expect(await pay(0)).toMatchObject({ ok: false, error: { field: 'amountFen', reason: 'amount_zero' } });
    expect(await pay('12.50' as unknown as number)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'amountFen' } });
    expect(await pay(8001)).toMatchObject({ ok: false, error: { field: 'amountFen', reason: 'payment_exceeds_due' } });
    expect(await pay(8000, { kind: 'cash', tenderedFen: 5000 })).toMatchObject({ ok: false, error: { field: 'method.tenderedFen', reason: 'cash_tendered_short' } });
    expect(await pay(8000, { kind: 'card', reference: 'POS\u0000-1' })).toMatchObject({ ok: false, error: { field: 'method.reference', reason: 'reference_control_chars' } });
    expect(await pay(8000, { kind: 'payment_code', reference: '3101', billNo: '票\u202E据' })).toMatchObject({ ok: false, error: { field: 'method.billNo', reason: 'bill_no_control_chars' } });
    expect(rowCounts(ctx)).toEqual(before);

    const noFee = await acceptedCase(call, RESIDENCE_PERMIT);
    const withCase = rowCounts(ctx);
    expect(await call('fees.pay', { caseNo: noFee, stage: 'intake', amountFen: 100, method: { kind: 'card', reference: 'POS-1' } })).toMatchObject({ ok: false, error: { reason: 'fee_none' } });
    expect(await call('fees.pay', { caseNo: 'T3101040007-20261126-9999', stage: 'intake', amountFen: 100, method: { kind: 'card', reference: 'POS-1' } })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'case_unknown' } });
    expect(rowCounts(ctx)).toEqual(withCase);
  });

  it('a refund or a waiver needs a supervisor’s own password and a reason; a refund at most what is left of its payment', async () => {
    const { ctx, call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, PROPERTY_TRANSFER);
    const paid = await call('fees.pay', { caseNo, stage: 'delivery', amountFen: 8000, method: { kind: 'qr', reference: 'ALI2026112600007' } });
    if (!paid.ok) throw new Error(paid.error.message);
    const before = rowCounts(ctx);
    const signOff = { reason: '重复收费退回', supervisor: SUPERVISOR.login, supervisorPassword: SUPERVISOR.password };
    expect(await call('fees.refund', { caseNo, paymentNo: paid.value.entryNo, amountFen: 8001, ...signOff })).toMatchObject({ ok: false, error: { field: 'amountFen', reason: 'refund_exceeds_paid' } });
    expect(await call('fees.refund', { caseNo, paymentNo: paid.value.entryNo, amountFen: 3000, ...signOff, supervisorPassword: 'wrong' })).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'supervisor_sign_off_refused' } });
    expect(await call('fees.refund', { caseNo, paymentNo: paid.value.entryNo, amountFen: 3000, ...signOff, supervisor: 'wang', supervisorPassword: 'clerk-pass-1' })).toMatchObject({ ok: false, error: { reason: 'supervisor_sign_off_refused' } });
    expect(await call('fees.refund', { caseNo, paymentNo: paid.value.entryNo, amountFen: 3000, ...signOff, reason: '退' })).toMatchObject({ ok: false, error: { field: 'reason', reason: 'reason_too_short' } });
    expect(await call('fees.refund', { caseNo, paymentNo: 'SF-T3101040007-20261126-0099', amountFen: 3000, ...signOff })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'payment_unknown' } });
    expect(rowCounts(ctx)).toEqual(before);

    const refund = await call('fees.refund', { caseNo, paymentNo: paid.value.entryNo, amountFen: 3000, ...signOff });
    if (!refund.ok) throw new Error(refund.error.message);
    expect(refund.value.state.account).toMatchObject({ paidFen: 8000, refundedFen: 3000, outstandingFen: 3000 });
    expect(refund.value.state.entries.find((e) => e.entryNo === paid.value.entryNo)?.refundableFen).toBe(5000);
    const waive = await call('fees.waive', { caseNo, amountFen: 3000, ...signOff, reason: '困难群众减免' });
    if (!waive.ok) throw new Error(waive.error.message);
    expect(waive.value.state.account.outstandingFen).toBe(0);
    expect(await call('fees.waive', { caseNo, amountFen: 1, ...signOff })).toMatchObject({ ok: false, error: { reason: 'waiver_exceeds_due' } });
    const journal = ctx.store.db.prepare("SELECT actor, action FROM audit_journal WHERE action LIKE 'fee.%' ORDER BY seq").all();
    expect(journal).toEqual([{ actor: 'wang', action: 'fee.payment' }, { actor: SUPERVISOR.login, action: 'fee.refund' }, { actor: SUPERVISOR.login, action: 'fee.waiver' }]);
    const names = pendingCommands(ctx.store.db).map((c) => c.name).filter((n) => n !== 'acceptCase');
    expect(names).toEqual(['recordPayment', 'refundPayment', 'waiveFee']);
    // The password is never stored or queued.
    expect(JSON.stringify(pendingCommands(ctx.store.db))).not.toContain(SUPERVISOR.password);
  });

  it('renders the payment slip of an entry as a PDF; an unknown entry is refused', async () => {
    const { call } = await signedInTerminal();
    const caseNo = await acceptedCase(call, ID_RENEWAL);
    const paid = await call('fees.pay', { caseNo, stage: 'intake', amountFen: 2000, method: { kind: 'cash', tenderedFen: 10000 } });
    if (!paid.ok) throw new Error(paid.error.message);
    const slip = await call('fees.previewSlip', { entryNo: paid.value.entryNo });
    expect(slip).toMatchObject({ ok: true, value: { documentNo: paid.value.entryNo, printNo: 0 } });
    expect(slip.ok && Buffer.from(slip.value.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await call('fees.previewSlip', { entryNo: 'SF-NOPE-20261126-0001' })).toMatchObject({ ok: false, error: { reason: 'fee_entry_unknown' } });
  });

  it('a correction owes nothing yet', async () => {
    const { call } = await signedInTerminal();
    const input = await acceptInput(call, ID_RENEWAL);
    const r = await call('cases.requestCorrection', { ...input, materials: input.materials.map((m, i) => (i === 0 ? { entryId: m.entryId, status: 'to_correct' as const, problem: '照片不清晰' } : m)), deadline: '2026-12-10' });
    if (!r.ok) throw new Error(r.error.message);
    expect(await call('fees.get', { caseNo: r.value.caseNo })).toMatchObject({ ok: true, value: { lines: [], account: { dueFen: 0 } } });
  });
});
