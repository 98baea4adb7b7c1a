import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { DomainError } from '../result.js';
import { bundleChecklist, mergedChecklist } from './checklist.js';
import { parseCatalog } from './schema.js';
import type { Catalog, CatalogItem, Material } from './schema.js';

const parsed = parseCatalog(sample);
if (!parsed.ok) throw new Error(`sample catalog does not parse: ${JSON.stringify(parsed.errors)}`);
const catalog = parsed.catalog;
const C = (suffix: string): string => `310101-SH-${suffix}`;

describe('mergedChecklist', () => {
  it('asks the shared materials of 出生一件事 once', () => {
    const list = bundleChecklist(catalog, C('YJS-001'));
    expect(list.itemCodes).toEqual([C('JM-009'), C('JM-002'), C('SB-009'), C('SB-001')]);
    // 19 materials in the four items; parents' ID (5 → 1), marriage certificate (2 → 1),
    // birth certificate (3 → 1) and household register (3 → 1) merge: 19 − 4 − 1 − 2 − 2 = 10.
    expect(list.entries.map((e) => e.id)).toEqual([
      `${C('YJS-001')}#parent_id`,
      `${C('YJS-001')}#marriage_certificate`,
      `${C('JM-009')}#application_form`,
      `${C('JM-009')}#delivery_record`,
      `${C('YJS-001')}#birth_certificate`,
      `${C('YJS-001')}#household_register`,
      `${C('JM-002')}#application_form`,
      `${C('SB-009')}#application_form`,
      `${C('SB-001')}#photo`,
      `${C('SB-001')}#application_form`,
    ]);
    expect(list.entries.reduce((n, e) => n + e.satisfies.length, 0)).toBe(19);

    const [parents, marriage, , delivery, birth, household] = list.entries;
    expect(parents).toMatchObject({ shared: true, required: true, key: true, form: 'original', copies: 1, exemptByCertificate: 'resident_id_card' });
    expect(parents?.name['zh-CN']).toBe('父母居民身份证');
    expect(parents?.satisfies.map((s) => `${s.itemCode}#${s.materialId}`)).toEqual([
      `${C('JM-009')}#mother_id`,
      `${C('JM-009')}#father_id`,
      `${C('JM-002')}#parent_id`,
      `${C('SB-009')}#applicant_id`,
      `${C('SB-001')}#applicant_id`,
    ]);
    // Optional for the birth certificate, required for the household registration → required.
    expect(marriage).toMatchObject({ required: true, key: false, exemptByCertificate: 'marriage_certificate' });
    expect(delivery).toMatchObject({ shared: false, format: 'electronic', key: true });
    // Original for the household registration, copies for insurance and the card.
    expect(birth).toMatchObject({ required: true, key: true, form: 'original_and_copy', copies: 1 });
    // SB-001 wants 2 copies of the household register (optional there), JM-002 the original (key).
    expect(household).toMatchObject({ required: true, key: true, form: 'original_and_copy', copies: 2, exemptByCertificate: 'household_register' });
  });

  it('merges the 开办餐饮店一件事 materials: 24 → 16', () => {
    const list = bundleChecklist(catalog, C('YJS-002'));
    expect(list.entries).toHaveLength(16);
    const premises = list.entries.find((e) => e.id === `${C('YJS-002')}#premises_proof`);
    // Optional for the food licence, required for the others.
    expect(premises).toMatchObject({ required: true, key: false, form: 'copy', exemptByCertificate: 'real_estate_certificate' });
    expect(premises?.satisfies).toHaveLength(4);
    expect(list.entries.filter((e) => e.shared).map((e) => e.id)).toEqual([
      `${C('YJS-002')}#legal_rep_id`,
      `${C('YJS-002')}#premises_proof`,
      `${C('YJS-002')}#business_license`,
    ]);
  });

  it('lists one item’s materials as they are', () => {
    const list = mergedChecklist(catalog, [C('JM-002')]);
    expect(list.entries.map((e) => e.id)).toEqual(
      ['birth_certificate', 'parent_id', 'household_register', 'marriage_certificate', 'application_form'].map((m) => `${C('JM-002')}#${m}`),
    );
    expect(list.entries.every((e) => !e.shared && e.satisfies.length === 1)).toBe(true);
  });

  it('applies a bundle’s shared materials to any two of its items asked for together', () => {
    const list = mergedChecklist(catalog, [C('JM-002'), C('SB-009'), C('JM-002')]);
    expect(list.itemCodes).toEqual([C('JM-002'), C('SB-009')]);
    // 5 + 4 materials; birth certificate, parents' ID and household register merge in pairs.
    expect(list.entries).toHaveLength(6);
    const parents = list.entries.find((e) => e.id === `${C('YJS-001')}#parent_id`);
    expect(parents?.satisfies.map((s) => s.itemCode)).toEqual([C('JM-002'), C('SB-009')]);
    // JM-009 is not asked for, so the marriage certificate is JM-002's own.
    expect(list.entries.some((e) => e.id === `${C('JM-002')}#marriage_certificate`)).toBe(true);
  });

  it('chains links from different bundles, and merges form, format, copies and exemptions', () => {
    const mat = (id: string, o: Partial<Material>): Material => ({ id, name: { 'zh-CN': id, en: id }, required: false, form: 'original', copies: 1, key: false, ...o });
    const it = (code: string, materials: Material[]): CatalogItem => ({
      code,
      name: { 'zh-CN': code, en: code },
      department: 'district',
      category: 'other',
      kind: 'immediate',
      itemType: 'public_service',
      legalLimitDays: 0,
      legalLimitUnit: 'working_days',
      promisedLimitDays: 0,
      promisedLimitUnit: 'working_days',
      fee: { amountFen: 0 },
      legalBasis: { 'zh-CN': '无', en: 'None' },
      delivery: ['window'],
      materials,
    });
    const small: Catalog = {
      formatVersion: 2,
      catalogVersion: 't',
      halls: [],
      departments: [{ id: 'district', name: { 'zh-CN': '区', en: 'District' }, signing: 'hall_entrusted' }],
      certificateTypes: [],
      calendar: [],
      items: [
        it('A', [mat('x', { form: 'copy', copies: 3, format: 'electronic', exemptByCertificate: 'resident_id_card' })]),
        it('B', [mat('y', { required: true, format: 'either', exemptByCertificate: 'resident_id_card' })]),
        it('C', [mat('z', { key: true, required: true, format: 'paper' }), mat('w', {})]),
      ],
      bundles: [
        { code: 'AB', name: { 'zh-CN': '甲乙', en: 'AB' }, items: ['A', 'B'], sharedMaterials: [{ id: 'doc', name: { 'zh-CN': '证件', en: 'Document' }, appliesTo: [{ itemCode: 'A', materialId: 'x' }, { itemCode: 'B', materialId: 'y' }] }] },
        { code: 'BC', name: { 'zh-CN': '乙丙', en: 'BC' }, items: ['B', 'C'], sharedMaterials: [{ id: 'doc2', name: { 'zh-CN': '证件二', en: 'Document 2' }, appliesTo: [{ itemCode: 'B', materialId: 'y' }, { itemCode: 'C', materialId: 'z' }] }] },
      ],
    };
    const list = mergedChecklist(small, ['A', 'B', 'C']);
    expect(list.entries).toHaveLength(2);
    const [doc, w] = list.entries;
    expect(doc).toMatchObject({ id: 'AB#doc', shared: true, required: true, key: true, form: 'original_and_copy', copies: 3, format: 'paper' });
    // C's material has no exemption, so the merged document must be brought.
    expect(doc?.exemptByCertificate).toBeUndefined();
    expect(doc?.satisfies.map((s) => s.itemCode)).toEqual(['A', 'B', 'C']);
    expect(w).toMatchObject({ id: 'C#w', shared: false });
    expect(w?.format).toBeUndefined();
    // Without C, A and B merge with the exemption they share.
    expect(mergedChecklist(small, ['A', 'B']).entries[0]).toMatchObject({ id: 'AB#doc', exemptByCertificate: 'resident_id_card', format: 'electronic', form: 'original_and_copy' });
  });

  it('refuses an unknown item or bundle', () => {
    let caught: unknown;
    try {
      mergedChecklist(catalog, [C('JM-001'), C('XX-404')]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'not_found', field: 'itemCodes[1]', reason: 'item_unknown' });
    expect(() => bundleChecklist(catalog, C('YJS-404'))).toThrow(/unknown bundle/);
  });
});
