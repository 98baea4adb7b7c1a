import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { WorkingCalendar } from '../calendar/working-days.js';
import { mergedChecklist } from '../catalog/checklist.js';
import { parseCatalog, type Catalog } from '../catalog/schema.js';
import { GAP_COMMITMENT_ENTRY, planIntake } from './plan.js';
import { acceptInputSchema, rejectInputSchema } from './schema.js';

const parsed = parseCatalog(sample);
if (!parsed.ok) throw new Error('sample does not parse');
const catalog = parsed.catalog;
const rules = { catalog, calendar: new WorkingCalendar(catalog.calendar), today: '2026-03-05' };
const C = (s: string): string => `310101-SH-${s}`;
const person = { kind: 'person', idType: 'resident_id', idNumber: '11010519491231002X', name: '王𠮷', phone: '13812345678' };
const intakeId = '7d0f6a52-5c1e-4b33-9d2c-1f7a4f5b2c11';

/** Every entry received except those named missing. */
function marks(codes: string[], missing: string[] = []) {
  return mergedChecklist(catalog, codes).entries.map((e) =>
    missing.some((m) => e.id.endsWith(`#${m}`)) ? { entryId: e.id, status: 'missing' as const } : { entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 1 },
  );
}
const accept = (codes: string[], extra: Record<string, unknown> = {}, missing: string[] = []) =>
  planIntake(rules, { outcome: 'accepted', input: acceptInputSchema.parse({ intakeId, applicant: person, target: { itemCodes: codes }, materials: marks(codes, missing), ...extra }) });
const reject = (codes: string[], extra: Record<string, unknown>, cat: Catalog = catalog) =>
  planIntake({ ...rules, catalog: cat }, { outcome: 'rejected', input: rejectInputSchema.parse({ intakeId, applicant: person, target: { itemCodes: codes }, materials: [], ...extra }) });

describe('due dates by unit', () => {
  it('counts a natural-day promise in natural days and a working-day one in working days; a case is due at its latest item', () => {
    // 居住证首次申领 (JM-004) promises 10 working days: from Thu 5 Mar 2026, Thu 19 Mar.
    expect(accept([C('JM-004')]).dueDate).toBe('2026-03-19');
    const naturalCatalog: Catalog = { ...catalog, items: catalog.items.map((i) => (i.code === C('JM-004') ? { ...i, promisedLimitUnit: 'natural_days' as const } : i)) };
    const p = planIntake({ ...rules, catalog: naturalCatalog }, { outcome: 'accepted', input: acceptInputSchema.parse({ intakeId, applicant: person, target: { itemCodes: [C('JM-004')] }, materials: marks([C('JM-004')]) }) });
    expect(p.dueDate).toBe('2026-03-16'); // 15 March is a Sunday → Monday 16 March
  });
});

describe('容缺受理', () => {
  it('lists the signed commitment among the received materials and promises the missing ones by a date', () => {
    // 食品经营许可 (QY-006) promises 5 working days: due Thu 12 Mar. Its safety rules are not key.
    const p = accept([C('QY-006')], { gaps: { promisedDate: '2026-03-11', commitmentSigned: true } }, ['safety_rules']);
    expect(p.withGaps).toBe(true);
    expect(p.dueDate).toBe('2026-03-12');
    expect(p.materials.find((m) => m.entryId === GAP_COMMITMENT_ENTRY)).toMatchObject({ status: 'received', name: { 'zh-CN': '容缺受理承诺书' }, form: 'original', copies: 1 });
    expect(p.materials.find((m) => m.entryId.endsWith('#safety_rules'))).toMatchObject({ status: 'missing', promisedDate: '2026-03-11' });
  });

  it('refuses a promised date after the due date (gap_after_due_date); the due date itself is fine', () => {
    const gaps = (promisedDate: string) => ({ gaps: { promisedDate, commitmentSigned: true } });
    expect(() => accept([C('QY-006')], gaps('2026-03-13'), ['safety_rules'])).toThrow(expect.objectContaining({ code: 'invalid_input', reason: 'gap_after_due_date', field: 'gaps.promisedDate' }));
    expect(accept([C('QY-006')], gaps('2026-03-12'), ['safety_rules']).deadline).toBe('2026-03-12');
  });
});

describe('不予受理 by reason type', () => {
  it('§32(一) only for 行政许可 items and without an authority; §32(二) needs the competent authority; other needs the reason', () => {
    const licence = [C('QY-006')];
    expect(reject(licence, { reasonType: 'no_licence_needed' })).toMatchObject({ rejectType: 'no_licence_needed' });
    expect(() => reject([C('JM-001')], { reasonType: 'no_licence_needed' })).toThrow(expect.objectContaining({ reason: 'reject_type_not_licensing', field: 'reasonType' }));
    expect(() => reject(licence, { reasonType: 'no_licence_needed', competentAuthority: '某区市场监督管理局' })).toThrow(expect.objectContaining({ reason: 'competent_authority_not_applicable' }));
    expect(() => reject(licence, { reasonType: 'not_competent' })).toThrow(expect.objectContaining({ reason: 'competent_authority_missing', field: 'competentAuthority' }));
    expect(reject(licence, { reasonType: 'not_competent', competentAuthority: '上海市闵行区市场监督管理局' })).toMatchObject({ rejectType: 'not_competent', competentAuthority: '上海市闵行区市场监督管理局' });
    expect(() => reject(licence, { reasonType: 'other' })).toThrow(expect.objectContaining({ reason: 'reject_reason_missing', field: 'reason' }));
    // An older counter sends only the reason and the authority: `other`, as it always meant.
    expect(reject(licence, { reason: '申请人不具备申请资格', competentAuthority: '上海市闵行区市场监督管理局' })).toMatchObject({ rejectType: 'other', rejectReason: '申请人不具备申请资格' });
  });

  it('refuses a refusal the catalog names no 复议机关 or court for (redress_unknown), except for a public service', () => {
    const noRedress: Catalog = { ...catalog, departments: catalog.departments.map(({ reviewBody: _r, court: _c, ...d }) => d) };
    expect(() => reject([C('QY-006')], { reason: '不符合条件的理由', reasonType: 'other' }, noRedress)).toThrow(expect.objectContaining({ code: 'unavailable', reason: 'redress_unknown' }));
    expect(reject([C('SB-001')], { reason: '不符合条件的理由' }, noRedress)).toMatchObject({ rejectType: 'other' });
  });
});

describe('an agent’s 授权委托书', () => {
  const agent = { idType: 'resident_id', idNumber: '31010419900307123X', name: '李䶮', phone: '13812345678', powerOfAttorney: true };
  const withAgent = (codes: string[], poa: 'received' | 'missing' | null, gaps?: Record<string, unknown>) => {
    const materials: unknown[] = marks(codes);
    if (poa === 'received') materials.push({ entryId: 'power_of_attorney', status: 'received', form: 'original', copies: 1, pages: 2 });
    if (poa === 'missing') materials.push({ entryId: 'power_of_attorney', status: 'missing' });
    return planIntake(rules, { outcome: 'accepted', input: acceptInputSchema.parse({ intakeId, applicant: { ...person, agent }, target: { itemCodes: codes }, materials, ...(gaps ?? {}) }) });
  };

  it('is a required material when an agent applies: missing, the case is refused naming it; received, it is on the case', () => {
    expect(() => withAgent([C('JM-004')], null)).toThrow(expect.objectContaining({ reason: 'required_material_missing', message: expect.stringContaining('授权委托书') }));
    const p = withAgent([C('JM-004')], 'received');
    expect(p.materials.find((m) => m.entryId === 'power_of_attorney')).toMatchObject({ status: 'received', required: true, key: true, pages: 2 });
    // Not even under 容缺: without it the agent may not apply at all.
    expect(() => withAgent([C('JM-004')], 'missing', { gaps: { promisedDate: '2026-03-10', commitmentSigned: true } })).toThrow(expect.objectContaining({ reason: 'key_material_missing' }));
  });

  it('makes an item’s own power of attorney required instead of adding one; without an agent nothing changes', () => {
    const own = catalog.items.find((i) => i.materials.some((m) => m.id === 'power_of_attorney'));
    if (!own) throw new Error('the sample has an item with its own power of attorney');
    const entries = mergedChecklist(catalog, [own.code]).entries;
    const materials = entries.map((e) => ({ entryId: e.id, status: 'received' as const, form: e.form, copies: e.copies, pages: 1 }));
    const p = planIntake(rules, { outcome: 'accepted', input: acceptInputSchema.parse({ intakeId, applicant: { ...person, agent }, target: { itemCodes: [own.code] }, materials }) });
    expect(p.materials.filter((m) => m.entryId.endsWith('power_of_attorney'))).toEqual([expect.objectContaining({ entryId: `${own.code}#power_of_attorney`, required: true, key: true })]);
    expect(accept([C('JM-004')]).materials.some((m) => m.entryId === 'power_of_attorney')).toBe(false);
  });
});
