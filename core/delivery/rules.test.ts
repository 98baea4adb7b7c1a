import { describe, expect, it } from 'vitest';
import { DomainError } from '../result.js';
import { caseParty, checkHandover, checkReady, handoverList, planCollector } from './rules.js';
import { collectorOverrideSchema, collectorSchema } from './schema.js';

const TODAY = '2026-11-26';
const ID = '11010519491231002X';
const OTHER_ID = '110101199003070011';
const person = caseParty({ kind: 'person', name: '王𠮷', idType: 'resident_id', idNumber: ID, phone: '13812345678' });
const org = caseParty({ kind: 'organisation', name: '某某有限公司', uscc: '91350100M000100Y43', legalRep: { idType: 'resident_id', idNumber: OTHER_ID, name: '李四' } });

function refusal(f: () => unknown): { code: string; reason: string | undefined; field: string | undefined } | null {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, reason: err.reason, field: err.field };
    throw err;
  }
}
const collector = (v: unknown) => collectorSchema.parse(v);

describe('who may collect', () => {
  it('the applicant with their own ID (typed with separators, lowercase x), or an organisation’s legal representative', () => {
    const plan = planCollector({ party: person, collector: collector({ kind: 'applicant', idType: 'resident_id', idNumber: '110105 19491231 002x' }), powerOfAttorneyPages: 0, today: TODAY });
    expect(plan).toMatchObject({ relation: 'self', name: '王𠮷', idNumber: ID, idMatches: true, override: null });
    expect(planCollector({ party: org, collector: collector({ kind: 'applicant', idType: 'resident_id', idNumber: OTHER_ID }), powerOfAttorneyPages: 0, today: TODAY })).toMatchObject({ relation: 'legalRep', name: '某某有限公司', idMatches: true });
  });

  it('refuses another person’s ID on the field, unless a supervisor overrides with a reason (kept for the journal)', () => {
    const wrong = collector({ kind: 'applicant', idType: 'resident_id', idNumber: OTHER_ID });
    expect(refusal(() => planCollector({ party: person, collector: wrong, powerOfAttorneyPages: 0, today: TODAY }))).toEqual({ code: 'invalid_input', reason: 'collector_id_mismatch', field: 'collector.idNumber' });
    const override = collectorOverrideSchema.parse({ supervisor: 'li', reason: '申请人新换证件，旧证号已核对' });
    expect(planCollector({ party: person, collector: wrong, override, powerOfAttorneyPages: 0, today: TODAY })).toMatchObject({ idMatches: false, override: { supervisor: 'li' } });
    // The same number under another document type is not a match either.
    expect(refusal(() => planCollector({ party: person, collector: collector({ kind: 'applicant', idType: 'passport_foreign', idNumber: 'E12345678' }), powerOfAttorneyPages: 0, today: TODAY }))?.reason).toBe('collector_id_mismatch');
  });

  it('refuses a malformed ID with the validator’s own reason, before comparing', () => {
    expect(refusal(() => planCollector({ party: person, collector: collector({ kind: 'applicant', idType: 'resident_id', idNumber: '110105194912310021' }), powerOfAttorneyPages: 0, today: TODAY }))).toEqual({ code: 'invalid_input', reason: 'id_checksum', field: 'collector.idNumber' });
  });

  it('an agent needs a valid ID and the power of attorney scanned into the delivery', () => {
    const agent = collector({ kind: 'agent', name: '张三', idType: 'resident_id', idNumber: OTHER_ID });
    expect(refusal(() => planCollector({ party: person, collector: agent, powerOfAttorneyPages: 0, today: TODAY }))?.reason).toBe('power_of_attorney_missing');
    expect(planCollector({ party: person, collector: agent, powerOfAttorneyPages: 1, today: TODAY })).toMatchObject({ relation: 'agent', name: '张三', idNumber: OTHER_ID });
    expect(refusal(() => planCollector({ party: person, collector: collector({ ...agent, name: '张\u0007三' }), powerOfAttorneyPages: 1, today: TODAY }))?.reason).toBe('name_control_chars');
  });

  it('by post: courier, tracking number and address, text checked', () => {
    expect(planCollector({ party: person, collector: collector({ kind: 'post', courier: '中国邮政EMS', trackingNo: 'em123456789cn', address: '上海市徐汇区漕溪北路1号' }), powerOfAttorneyPages: 0, today: TODAY })).toMatchObject({
      relation: 'post', post: { trackingNo: 'EM123456789CN' }, idNumber: null,
    });
    const issue = (v: unknown) => {
      const r = collectorSchema.safeParse(v);
      return r.success ? null : { path: r.error.issues[0]?.path.join('.'), code: (r.error.issues[0] as { params?: { code?: string } }).params?.code };
    };
    expect(issue({ kind: 'post', courier: 'EMS', trackingNo: 'ab', address: '某地' })).toEqual({ path: 'trackingNo', code: 'tracking_no_format' });
    expect(issue({ kind: 'post', courier: 'EMS\u202E', trackingNo: 'EM123456789CN', address: '某地' })).toEqual({ path: 'courier', code: 'courier_control_chars' });
    expect(issue({ kind: 'post', courier: 'EMS', trackingNo: 'EM123456789CN', address: '' })).toEqual({ path: 'address', code: 'address_empty' });
    expect(collectorOverrideSchema.safeParse({ supervisor: 'li', reason: '好' }).error?.issues[0]).toMatchObject({ params: { code: 'reason_too_short' } });
  });
});

describe('when a result can be handed over', () => {
  it('only an accepted case the centre marked ready, and only once', () => {
    expect(refusal(() => checkReady({ outcome: 'accepted', centralStatus: 'ready_for_delivery', delivered: false }))).toBeNull();
    expect(refusal(() => checkReady({ outcome: 'accepted', centralStatus: 'decided', delivered: false }))?.reason).toBe('case_not_ready');
    expect(refusal(() => checkReady({ outcome: 'accepted', centralStatus: null, delivered: false }))?.reason).toBe('case_not_ready');
    expect(refusal(() => checkReady({ outcome: 'correction', centralStatus: null, delivered: false }))?.reason).toBe('case_not_ready');
    expect(refusal(() => checkReady({ outcome: 'accepted', centralStatus: 'ready_for_delivery', delivered: true }))).toMatchObject({ code: 'conflict', reason: 'already_delivered' });
    expect(refusal(() => checkReady({ outcome: 'accepted', centralStatus: 'delivered', delivered: false }))?.reason).toBe('already_delivered');
  });

  it('hands over the result and the originals lent at intake; the result must be ticked', () => {
    const list = handoverList({
      resultDocument: { name: '居住证' },
      resultFallback: '办件结果',
      materials: [
        { entryId: 'id_card', name: '身份证', status: 'received', form: 'original_and_copy' },
        { entryId: 'photo', name: '照片', status: 'received', form: 'copy' },
        { entryId: 'lease', name: '租赁合同', status: 'missing', form: null },
      ],
    });
    expect(list.map((e) => e.id)).toEqual(['result', 'original:id_card']);
    expect(checkHandover(list, ['result']).map((e) => e.name)).toEqual(['居住证']);
    expect(refusal(() => checkHandover(list, ['original:id_card']))?.reason).toBe('result_not_handed');
    expect(refusal(() => checkHandover(list, ['result', 'original:photo']))?.reason).toBe('handover_unknown');
  });
});
