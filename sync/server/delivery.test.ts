import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/schema.js';
import type { PullResponse } from '../protocol/index.js';
import type { Db } from './db/types.js';
import { randomUUID } from 'node:crypto';
import { deliveryArgs, paymentArgs, refundArgs, waiverArgs } from './testing/after-intake-commands.js';
import { BACKENDS } from './testing/backends.js';
import { call, command, enrollTerminal, publicKey, publishSample, startCentral, uniqueTerminalCode, type TestCentral, type TestTerminal } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

const DAY = '2026-11-26';
/** 居民身份证换领: fee ¥20.00. */
const ID_RENEWAL = '310101-SH-JM-006';

describe.each(BACKENDS)('deliveries and fees at the centre on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  let catalog: Catalog;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db);
    catalog = sampleCatalog();
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  const seqs = new Map<string, number>();
  /** Pushes commands after the terminal's last one; returns each command's result. */
  const push = async (t: TestTerminal, ...cmds: { name: string; args: object }[]) => {
    const first = (seqs.get(t.terminalId) ?? 0) + 1;
    const r = await t.push(cmds.map((x, i) => command(first + i, x.name, x.args as Record<string, unknown>)));
    expect(r.status).toBe(200);
    seqs.set(t.terminalId, first + cmds.length - 1);
    return r.body.results;
  };
  const move = (caseNo: string, status: string, extra: Record<string, unknown> = {}) => call(c.url, 'POST', `/office/cases/${caseNo}/status`, { token: c.officeToken, json: { status, ...extra } });
  const ready = async (caseNo: string) => {
    for (const [s, x] of [['in_review', {}], ['decided', { decision: 'approved' }], ['ready_for_delivery', {}]] as const) expect((await move(caseNo, s, x)).status).toBe(200);
  };
  /** A case of `t` taken and (unless `until`) brought to ready_for_delivery by the office. */
  const readyCase = async (t: TestTerminal, n: number, itemCodes = [ID_RENEWAL], bringReady = true): Promise<string> => {
    const args = intakeArgs({ catalog, terminalCode: t.terminalCode, day: DAY, n, itemCodes });
    expect(await push(t, { name: 'acceptCase', args })).toEqual([expect.objectContaining({ status: 'applied' })]);
    const caseNo = args.caseNo as string;
    if (bringReady) await ready(caseNo);
    return caseNo;
  };
  const statusOf = async (t: TestTerminal, caseNo: string) => {
    const pulled = await t.pull(0, 5000);
    return (pulled.body as PullResponse).changes.filter((ch) => ch.kind === 'case_status' && ch.key === caseNo).at(-1)?.data as Record<string, unknown> | undefined;
  };
  const count = async (table: string, caseNo: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE case_no = $1`, [caseNo]))[0]?.n;

  it('sends a ready case to every window of the hall with what delivering it needs, and its history to its own', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const caseNo = await readyCase(a, 1);
    const own = await statusOf(a, caseNo);
    expect(own).toMatchObject({ status: 'ready_for_delivery', hallCase: null, settledElsewhereFen: 0 });
    expect((own?.history as { status: string }[]).map((h) => h.status)).toEqual(['received', 'in_review', 'decided', 'ready_for_delivery']);
    const hall = await statusOf(b, caseNo);
    expect(hall).toMatchObject({ status: 'ready_for_delivery', hallCase: { terminalCode: a.terminalCode, itemCodes: [ID_RENEWAL], feeFen: 2000, applicant: { kind: 'person' } } });
    expect((hall?.hallCase as { applicant: Record<string, unknown> }).applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
    // A case still in review stays with its own window.
    const other = await readyCase(a, 2, [ID_RENEWAL], false);
    expect(await statusOf(b, other)).toBeUndefined();
  });

  it('applies the first delivery of a case and refuses the second window’s, with where, when and by whom; both pull the delivered status', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const caseNo = await readyCase(a, 1);
    expect(await push(b, { name: 'deliverResult', args: deliveryArgs(caseNo, { terminalCode: b.terminalCode }) })).toEqual([expect.objectContaining({ status: 'rejected', code: 'fee_unpaid' })]);
    expect(await push(a, { name: 'recordPayment', args: paymentArgs(caseNo, { terminalCode: a.terminalCode }, 2000) })).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(await statusOf(b, caseNo)).toMatchObject({ settledElsewhereFen: 2000 });
    expect(await statusOf(a, caseNo)).toMatchObject({ settledElsewhereFen: 0 });

    expect(await push(a, { name: 'deliverResult', args: deliveryArgs(caseNo, { terminalCode: a.terminalCode, windowNo: '3', staff: 'wang' }) })).toEqual([{ seq: expect.any(Number), status: 'applied' }]);
    const second = await push(b, { name: 'deliverResult', args: deliveryArgs(caseNo, { terminalCode: b.terminalCode, windowNo: '8', staff: 'zhao' }) });
    expect(second).toEqual([expect.objectContaining({ status: 'rejected', code: 'already_delivered' })]);
    expect(second[0]?.reason).toContain(`window 3 (${a.terminalCode}) by wang`);
    const rejection = (await b.pull(0, 5000)).body.changes.find((ch) => ch.kind === 'rejection' && (ch.data as { caseNo?: string }).caseNo === caseNo && (ch.data as { code: string }).code === 'already_delivered');
    expect(rejection?.data).toMatchObject({ name: 'deliverResult', reason: second[0]?.reason });
    for (const t of [a, b]) expect(await statusOf(t, caseNo)).toMatchObject({ status: 'delivered', delivery: { terminalCode: a.terminalCode, windowNo: '3', staff: 'wang', relation: 'self' } });
    expect(await count('deliveries', caseNo)).toBe(1);
    const [row] = await db.query<{ status: string }>('SELECT status FROM cases WHERE case_no = $1', [caseNo]);
    expect(row?.status).toBe('delivered');
    // The office cannot move it on: it is finished.
    expect((await move(caseNo, 'delivered')).status).toBe(409);
  });

  it('two windows delivering one case at the same moment: exactly one is applied', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const caseNo = await readyCase(a, 1, ['310101-SH-JM-004']);
    const [ra, rb] = await Promise.all([
      push(a, { name: 'deliverResult', args: deliveryArgs(caseNo, { terminalCode: a.terminalCode }) }),
      push(b, { name: 'deliverResult', args: deliveryArgs(caseNo, { terminalCode: b.terminalCode }) }),
    ]);
    expect([ra[0]?.status, rb[0]?.status].sort()).toEqual(['applied', 'rejected']);
    expect([ra[0]?.code, rb[0]?.code].filter(Boolean)).toEqual(['already_delivered']);
    expect(await count('deliveries', caseNo)).toBe(1);
    expect(await count('case_events', caseNo)).toBe(4);
  });

  it('refuses a delivery of a case that is not ready, unknown, or of another hall', async () => {
    const a = await enrollTerminal(c);
    const notReady = await readyCase(a, 1, ['310101-SH-JM-004'], false);
    expect(await push(a, { name: 'deliverResult', args: deliveryArgs(notReady, { terminalCode: a.terminalCode }) })).toEqual([expect.objectContaining({ status: 'rejected', code: 'case_not_ready' })]);
    expect(await push(a, { name: 'deliverResult', args: deliveryArgs(`${a.terminalCode}-20261126-0999`, { terminalCode: a.terminalCode }) })).toEqual([expect.objectContaining({ status: 'rejected', code: 'case_unknown' })]);
    const ready1 = await readyCase(a, 2, ['310101-SH-JM-004']);
    // A window of another hall.
    const code = await call<{ code: string }>(c.url, 'POST', '/office/enrollments', { token: c.officeToken, json: { terminalCode: uniqueTerminalCode(), windowNo: '1', hall: '另一个中心', district: '静安区' } });
    const far = await call<{ terminalId: string; credential: string }>(c.url, 'POST', '/v1/enroll', { json: { code: code.body.code, publicKey: publicKey(), label: 'far' } });
    const farPush = await call<{ results: { code?: string }[] }>(c.url, 'POST', '/v1/push', { token: far.body.credential, json: { terminalId: far.body.terminalId, commands: [command(1, 'deliverResult', deliveryArgs(ready1, { terminalCode: 'X' }) as unknown as Record<string, unknown>)] } });
    expect(farPush.body.results[0]?.code).toBe('case_other_hall');
    expect(await count('deliveries', ready1)).toBe(0);
    // Args of the wrong shape: an amount in yuan, a negative one.
    expect(await push(a, { name: 'recordPayment', args: { ...paymentArgs(ready1, { terminalCode: a.terminalCode }, 100), amountFen: 12.5 } })).toEqual([expect.objectContaining({ status: 'rejected', code: 'invalid_args' })]);
    expect(await push(a, { name: 'recordPayment', args: { ...paymentArgs(ready1, { terminalCode: a.terminalCode }, 100), amountFen: -100 } })).toEqual([expect.objectContaining({ status: 'rejected', code: 'invalid_args' })]);
  });

  it('takes a payment made at intake in the same push as the intake', async () => {
    const a = await enrollTerminal(c);
    const args = intakeArgs({ catalog, terminalCode: a.terminalCode, day: DAY, n: 1, itemCodes: [ID_RENEWAL] });
    const caseNo = args.caseNo as string;
    const results = await push(a, { name: 'acceptCase', args }, { name: 'recordPayment', args: paymentArgs(caseNo, { terminalCode: a.terminalCode }, 2000) }, { name: 'recordPayment', args: paymentArgs(caseNo, { terminalCode: a.terminalCode }, 1) });
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'fee_already_paid']);
    expect(await count('fee_entries', caseNo)).toBe(1);
  });

  it('applies fee entries once, over every window’s: no payment past the fee, no refund past its payment, no waiver on a case without a fee', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const caseNo = await readyCase(a, 1);
    const paid = paymentArgs(caseNo, { terminalCode: a.terminalCode }, 1500);
    const results = await push(a, { name: 'recordPayment', args: paid }, { name: 'refundPayment', args: refundArgs(caseNo, { terminalCode: a.terminalCode }, paid.entryNo, 1501) }, { name: 'refundPayment', args: refundArgs(caseNo, { terminalCode: a.terminalCode }, 'SF-NONE-20261130-0001', 1) });
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'refund_exceeds_paid', 'payment_unknown']);
    // The second window takes the rest; a third payment anywhere is past the fee.
    expect((await push(b, { name: 'recordPayment', args: paymentArgs(caseNo, { terminalCode: b.terminalCode }, 500) }))[0]?.status).toBe('applied');
    expect((await push(a, { name: 'recordPayment', args: paymentArgs(caseNo, { terminalCode: a.terminalCode }, 100) }))[0]?.code).toBe('fee_already_paid');
    expect((await push(b, { name: 'waiveFee', args: waiverArgs(caseNo, { terminalCode: b.terminalCode }, 1) }))[0]?.code).toBe('waiver_exceeds_due');
    // The same entry sent again under a new seq (a restored store) is not counted twice.
    expect((await push(a, { name: 'recordPayment', args: paid }))[0]?.code).toBe('entry_duplicate');
    expect(await count('fee_entries', caseNo)).toBe(2);
    // A re-sent batch is a duplicate: applied once.
    const last = seqs.get(a.terminalId) ?? 0;
    const again = await a.push([command(last, 'recordPayment', paymentArgs(caseNo, { terminalCode: a.terminalCode }, 100) as unknown as Record<string, unknown>)]);
    expect(again.body.results).toEqual([{ seq: last, status: 'duplicate' }]);
    const free = await readyCase(a, 2, ['310101-SH-JM-004']);
    expect((await push(a, { name: 'waiveFee', args: waiverArgs(free, { terminalCode: a.terminalCode }, 100) }))[0]?.code).toBe('fee_none');
    expect((await push(a, { name: 'recordPayment', args: paymentArgs(free, { terminalCode: a.terminalCode }, 100) }))[0]?.code).toBe('fee_none');
  });

  it('records 容缺 promises once, for a gap of the window’s own case; a failed one is listed for the back office', async () => {
    const a = await enrollTerminal(c);
    const b = await enrollTerminal(c);
    const HOUSING = '310101-SH-JM-004#housing_proof';
    const args = intakeArgs({ catalog, terminalCode: a.terminalCode, day: DAY, n: 1, itemCodes: ['310101-SH-JM-004'], gaps: { missing: [HOUSING], promisedDate: '2026-12-01' } });
    const caseNo = args.caseNo as string;
    expect((await push(a, { name: 'acceptCase', args }))[0]?.status).toBe('applied');
    const where = { caseNo, terminalCode: a.terminalCode, windowNo: '3', staff: 'wang', at: '2026-12-02T02:00:00.000Z', day: '2026-12-02' };
    const fail = (entryId: string) => ({ name: 'failPromise', args: { ...where, entryId, recordId: randomUUID(), reason: '逾期未补齐' } });
    expect(await push(b, fail(HOUSING))).toEqual([expect.objectContaining({ status: 'rejected', code: 'case_unknown' })]);
    const results = await push(a, fail('310101-SH-JM-004#photo'), fail(HOUSING), fail(HOUSING));
    expect(results.map((r) => r.code ?? r.status)).toEqual(['promise_not_a_gap', 'applied', 'promise_closed']);
    const listed = await call<{ promises: { caseNo: string; entryId: string; reason: string }[] }>(c.url, 'GET', '/office/promises?state=failed', { token: c.officeToken });
    expect(listed.body.promises.filter((p) => p.caseNo === caseNo)).toEqual([expect.objectContaining({ caseNo, entryId: HOUSING, reason: '逾期未补齐' })]);
  });

  it('refuses a resubmission whose correction case is not on the centre for this window', async () => {
    const a = await enrollTerminal(c);
    const args = intakeArgs({ catalog, terminalCode: a.terminalCode, day: DAY, n: 1 });
    const input = args.input as Record<string, unknown>;
    const r = await push(a, { name: 'acceptCase', args: { ...args, input: { ...input, resubmissionOf: `${a.terminalCode}-20261120-0001` } } });
    expect(r).toEqual([expect.objectContaining({ status: 'rejected', code: 'resubmission_unknown' })]);
  });
});
