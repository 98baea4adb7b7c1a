import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingCommands } from '../../tests/support/outbox.js';
import { acceptInput, person, receivedMarks, RESIDENCE_PERMIT, RESIDENCE_REGISTRATION, signedInTerminal, SUPERVISOR, VALID_ID, VALID_USCC } from '../../tests/support/intake.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { command, enrollTerminal, publishSample, startCentral, type TestCentral } from './testing/harness.js';

/**
 * The commands a real terminal writes to its outbox (main/ with its SQLite store, the sample catalog)
 * re-validate at the centre: the two sides run the same core rules on the same data. If main/cases
 * changes what a command carries, this is the test that says the centre no longer agrees.
 */
describe.each(BACKENDS)('commands from a real terminal on $name', (backend) => {
  let db: Db;
  let c: TestCentral;
  beforeAll(async () => {
    db = await backend.open();
    c = await startCentral(db);
    await publishSample(c);
  });
  afterAll(async () => {
    await c?.stop();
    await db?.close();
  });

  it('accepts every outcome the window produces, and refuses a tampered one', async () => {
    const { ctx, call } = await signedInTerminal(); // terminal code T3101040007, day 2026-11-26
    const must = async (r: Promise<{ ok: boolean }>) => expect((await r).ok, JSON.stringify(await r)).toBe(true);
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    await must(call('cases.accept', await acceptInput(call)));
    await must(call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials: await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#housing_proof`]: 'missing' }), gaps: { promisedDate: '2026-12-03', commitmentSigned: true } }));
    await must(call('cases.requestCorrection', { intakeId: randomUUID(), applicant: person(), target, materials: await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#photo`]: 'to_correct' }), deadline: '2026-12-01' }));
    await must(call('cases.reject', { ...(await acceptInput(call)), reason: '不属于本机关职权范围', competentAuthority: '区民政局' }));
    await must(call('cases.complete', await acceptInput(call, RESIDENCE_REGISTRATION)));
    const org = { kind: 'organisation' as const, name: '上海某某餐饮管理有限公司', uscc: VALID_USCC, legalRep: { idType: 'resident_id' as const, idNumber: VALID_ID, name: '王𠮷' }, agent: { idType: 'resident_id' as const, idNumber: VALID_ID, name: '李䶮', phone: '13812345678', powerOfAttorney: true } };
    await must(call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, org)));
    const override = { ...org, uscc: `${VALID_USCC.slice(0, 17)}4`, usccOverride: { supervisor: SUPERVISOR.login, reason: '老营业执照赋码，已核实' } };
    await must(call('cases.accept', { ...(await acceptInput(call, RESIDENCE_PERMIT, override)), supervisorPassword: SUPERVISOR.password }));

    const outbox = pendingCommands(ctx.store.db);
    expect(outbox.map((o) => o.name)).toEqual(['acceptCase', 'acceptCase', 'requestCorrection', 'rejectCase', 'completeCase', 'acceptCase', 'acceptCase']);
    const t = await enrollTerminal(c, 'T3101040007');
    const commands = outbox.map((o) => command(o.seq, o.name, o.args as Record<string, unknown>));
    const r = await t.push(commands);
    expect(r.status).toBe(200);
    expect(r.body.results, JSON.stringify(r.body.results)).toEqual(outbox.map((o) => ({ seq: o.seq, status: 'applied' })));
    const rows = await db.query<{ outcome: string; status: string | null; checked: boolean; catalog_version: string | null }>('SELECT outcome, status, checked, catalog_version FROM cases WHERE terminal_id = $1 ORDER BY case_no', [t.terminalId]);
    expect(rows.map((x) => [x.outcome, x.status])).toEqual([
      ['accepted', 'received'], ['accepted', 'received'], ['correction', null], ['rejected', null], ['completed', null], ['accepted', 'received'], ['accepted', 'received'],
    ]);
    expect(rows.every((x) => x.checked)).toBe(true);
    // Checked against the very catalog the terminal planned with, which its commands name.
    expect(new Set(rows.map((x) => x.catalog_version))).toEqual(new Set([ctx.catalog?.catalog.catalogVersion]));

    // The same intake made by a terminal whose plan disagrees (a tampered due date) is refused.
    await must(call('cases.accept', await acceptInput(call)));
    const [last] = pendingCommands(ctx.store.db).slice(-1);
    const args = structuredClone(last!.args) as { derived: { dueDate: string } };
    args.derived.dueDate = '2026-12-31';
    const refused = await t.push([command(last!.seq, 'acceptCase', args as unknown as Record<string, unknown>)]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'plan_mismatch' });
  });
});
