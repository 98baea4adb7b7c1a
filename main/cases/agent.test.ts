import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { counts, person, receivedMarks, RESIDENCE_PERMIT, signedInTerminal } from '../../tests/support/intake.js';

const AGENT = { idType: 'resident_id', idNumber: '31010419900307123X', name: '李䶮', phone: '13812345678', powerOfAttorney: true };
const target = { itemCodes: [RESIDENCE_PERMIT] };

describe('an agent applies with a 授权委托书', () => {
  it('the back end refuses powerOfAttorney: false, whatever the screen did, and stores nothing', async () => {
    const { ctx, call } = await signedInTerminal();
    const before = counts(ctx);
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person({ agent: { ...AGENT, powerOfAttorney: false } }), target, materials: await receivedMarks(call, target, {}, true) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'power_of_attorney_missing', field: 'applicant.agent.powerOfAttorney' } });
    expect(counts(ctx)).toEqual(before);
  });

  it('the checklist with an agent has the 授权委托书, required; a case without it is refused; with it, it is a received material', async () => {
    const { call } = await signedInTerminal();
    const list = await call('catalog.checklist', { target, agent: true });
    expect(list.ok && list.value.entries.find((e) => e.id === 'power_of_attorney')).toMatchObject({ name: { 'zh-CN': '授权委托书' }, required: true, key: true });
    const applicant = person({ agent: AGENT });
    const without = await call('cases.accept', { intakeId: randomUUID(), applicant, target, materials: await receivedMarks(call, target) });
    expect(without).toMatchObject({ ok: false, error: { reason: 'required_material_missing' } });
    const ok = await call('cases.accept', { intakeId: randomUUID(), applicant, target, materials: await receivedMarks(call, target, {}, true) });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const detail = await call('cases.get', { caseNo: ok.value.caseNo });
    expect(detail.ok && detail.value.materials.find((m) => m.entryId === 'power_of_attorney')).toMatchObject({ name: '授权委托书', status: 'received', required: true });
  });
});
