import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { CATEGORIES, formatPath, parseCatalog } from './schema.js';
import type { CatalogIssue } from './schema.js';

/** A deep copy of the sample as plain JSON, free to break. */
function sampleCopy(): unknown {
  return JSON.parse(JSON.stringify(sample)) as unknown;
}

function errorsOf(json: unknown): CatalogIssue[] {
  const r = parseCatalog(json);
  if (r.ok) throw new Error('expected the catalog to be refused');
  return r.errors;
}

function at(obj: unknown, ...path: (string | number)[]): Record<string, unknown> & unknown[] {
  let cur: unknown = obj;
  for (const p of path) cur = (cur as Record<string | number, unknown>)[p];
  return cur as Record<string, unknown> & unknown[];
}

describe('the sample catalog', () => {
  const r = parseCatalog(sample);

  it('parses cleanly', () => {
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('has at least 40 items in every category, 5 bundles and the 2026–2027 calendar', () => {
    if (!r.ok) throw new Error('sample does not parse');
    const { catalog } = r;
    expect(catalog.items.length).toBeGreaterThanOrEqual(40);
    expect(catalog.bundles.length).toBeGreaterThanOrEqual(5);
    expect(new Set(catalog.items.map((i) => i.category))).toEqual(new Set(CATEGORIES));
    expect(catalog.items.some((i) => i.kind === 'immediate')).toBe(true);
    expect(catalog.items.some((i) => i.materials.some((m) => m.exemptByCertificate !== undefined))).toBe(true);
    expect(catalog.calendar.map((c) => c.year)).toEqual([2026, 2027]);
  });

  it('has the published 2026 arrangement', () => {
    if (!r.ok) throw new Error('sample does not parse');
    const y2026 = r.catalog.calendar.find((c) => c.year === 2026);
    expect(y2026?.status).toBe('official');
    // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7
    expect(y2026?.holidays).toHaveLength(33);
    expect(y2026?.holidays).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07', '2026-06-19', '2026-09-25']));
    expect(y2026?.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('the sample catalog follows where a Shanghai district handles things', () => {
  const r = parseCatalog(sample);
  if (!r.ok) throw new Error('sample does not parse');
  const { catalog } = r;
  const item = (suffix: string) => catalog.items.find((i) => i.code === `310101-SH-${suffix}`);
  const deptOf = (suffix: string) => catalog.departments.find((d) => d.id === item(suffix)?.department);

  it('names district departments in full, transport under the 建设和管理委员会, each with its 复议机关 and court', () => {
    for (const d of catalog.departments) expect(d.name['zh-CN'], d.id).toMatch(/^上海市/);
    for (const s of ['JT-001', 'JT-002', 'JT-005', 'JS-002', 'JS-006']) expect(deptOf(s)?.name['zh-CN']).toBe('上海市黄浦区建设和管理委员会');
    expect(deptOf('JM-001')?.name['zh-CN']).toBe('上海市公安局黄浦分局');
    // Vertically led (行政复议法 §27): the tobacco bureau's review body is the next level up.
    expect(deptOf('QY-014')?.reviewBody?.['zh-CN']).toBe('上海市烟草专卖局');
    for (const i of catalog.items.filter((x) => x.itemType !== 'public_service')) {
      const d = catalog.departments.find((x) => x.id === i.department);
      expect(d?.reviewBody ?? i.reviewBody, i.code).toBeDefined();
      expect(d?.court ?? i.court, i.code).toBeDefined();
    }
    expect(catalog.halls[0]).toMatchObject({ supervisionPhone: '12345' });
  });

  it('marks the personal items residents apply for at the 社区事务受理服务中心', () => {
    const community = catalog.items.filter((i) => i.venue === 'community_center').map((i) => i.name['zh-CN']);
    expect(community).toEqual(expect.arrayContaining(['居住登记', '最低生活保障申请', '失业登记', '医疗费用零星报销', '上海市居住证首次申领']));
    expect(item('QY-001')?.venue).toBeUndefined();
  });

  it('gives the 规划许可 its full material list, and the limits and units of the rules', () => {
    const names = item('JS-001')?.materials.map((m) => m.name['zh-CN']) ?? [];
    expect(names).toEqual(expect.arrayContaining(['建设用地规划许可证', '国有建设用地使用权出让合同', '建设工程设计方案总平面图']));
    // 食品经营许可和备案管理办法 (2023): 10 working days; 居民身份证法 §12: 60日; 居住证暂行条例 §9: 15日.
    expect(item('QY-006')).toMatchObject({ itemType: 'administrative_licensing', legalLimitDays: 10, legalLimitUnit: 'working_days' });
    expect(item('JM-006')).toMatchObject({ legalLimitDays: 60, legalLimitUnit: 'natural_days', fee: { amountFen: 2000 } });
    expect(item('JM-004')).toMatchObject({ legalLimitDays: 15, legalLimitUnit: 'natural_days' });
  });

  it('has the 一件事 bundles 医疗费报销一件事 and 企业开办一件事', () => {
    const names = catalog.bundles.map((b) => b.name['zh-CN']);
    expect(names).toEqual(expect.arrayContaining(['医疗费报销一件事', '企业开办一件事', '出生一件事']));
    const start = catalog.bundles.find((b) => b.name['zh-CN'] === '企业开办一件事');
    expect(start?.items).toEqual(['310101-SH-QY-001', '310101-SH-QY-015', '310101-SH-SB-008']);
  });
});

describe('parseCatalog', () => {
  it('reports every error of a broken catalog at once, each with its path', () => {
    const bad = sampleCopy();
    at(bad, 'items', 2).code = at(bad, 'items', 0).code; // duplicate code
    at(bad, 'items', 3, 'materials', 1).copies = 0; // bad copies
    at(bad, 'bundles', 1, 'items').push('310101-SH-QY-999'); // unknown item
    at(bad, 'bundles', 2, 'sharedMaterials', 1, 'appliesTo', 1).materialId = 'no_such_material';
    at(bad, 'calendar', 0, 'holidays').push('2027-05-01'); // wrong year (index 33)
    at(bad, 'calendar', 0, 'makeupWorkdays').push('2026-10-03'); // also a holiday (index 6)
    at(bad, 'calendar', 1, 'holidays')[0] = '2027-02-30'; // not a date
    at(bad, 'items', 5, 'materials', 0).exemptByCertifcate = 'resident_id_card'; // misspelt field
    at(bad, 'items', 6).name = 'not an object'; // wrong type: the cross-field checks must still run

    const errors = errorsOf(bad);
    const byPath = new Map(errors.map((e) => [e.path, e.message]));
    expect([...byPath.keys()].sort()).toEqual(
      [
        'items[2].code',
        'items[3].materials[1].copies',
        'bundles[1].items[4]',
        'bundles[2].sharedMaterials[1].appliesTo[1].materialId',
        'calendar[0].holidays[33]',
        'calendar[0].makeupWorkdays[6]',
        'calendar[1].holidays[0]',
        'items[5].materials[0].exemptByCertifcate',
        'items[6].name',
      ].sort(),
    );
    expect(errors).toHaveLength(9);
    expect(byPath.get('items[2].code')).toMatch(/duplicate item code "310101-SH-JM-001" \(first at items\[0\]\)/);
    expect(byPath.get('bundles[1].items[4]')).toMatch(/unknown item code "310101-SH-QY-999"/);
    expect(byPath.get('bundles[2].sharedMaterials[1].appliesTo[1].materialId')).toMatch(/no material "no_such_material"/);
    expect(byPath.get('calendar[0].holidays[33]')).toMatch(/2027-05-01 is not in 2026/);
    expect(byPath.get('calendar[0].makeupWorkdays[6]')).toMatch(/both a holiday and a make-up workday/);
    expect(byPath.get('calendar[1].holidays[0]')).toMatch(/real date/);
    expect(byPath.get('items[5].materials[0].exemptByCertifcate')).toBe('unknown field');
  });

  it('checks time limits, key materials and certificate types per item', () => {
    const bad = sampleCopy();
    at(bad, 'items', 0).promisedLimitDays = 21; // legal is 20
    at(bad, 'items', 2).promisedLimitDays = 2; // immediate item, legal 0
    at(bad, 'items', 3).promisedLimitDays = 0; // promised item with 0
    at(bad, 'items', 0, 'materials', 0).required = false; // key but optional
    at(bad, 'items', 0, 'materials', 1).exemptByCertificate = 'household_booklet'; // not declared
    at(bad, 'items', 0, 'materials', 2).id = at(bad, 'items', 0, 'materials', 0).id; // duplicate id
    const paths = errorsOf(bad).map((e) => `${e.path}: ${e.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^items\[0\]\.promisedLimitDays: promised limit \(21\) must not exceed the legal limit \(20\)/),
        expect.stringMatching(/^items\[2\]\.promisedLimitDays: promised limit \(2\) must not exceed/),
        expect.stringMatching(/^items\[2\]\.promisedLimitDays: an immediate item/),
        expect.stringMatching(/^items\[3\]\.promisedLimitDays: a promised item/),
        expect.stringMatching(/^items\[0\]\.materials\[0\]\.key: a key material must be required/),
        expect.stringMatching(/^items\[0\]\.materials\[1\]\.exemptByCertificate: unknown certificate type "household_booklet"/),
        expect.stringMatching(/^items\[0\]\.materials\[2\]\.id: duplicate material id "applicant_id"/),
      ]),
    );
    expect(paths).toHaveLength(7);
  });

  it('checks bundles and the calendar across fields', () => {
    const bad = sampleCopy();
    at(bad, 'bundles', 0).code = at(bad, 'items', 0).code; // clashes with an item
    at(bad, 'bundles', 1, 'items').push(at(bad, 'bundles', 1, 'items')[0]); // listed twice (index 4)
    at(bad, 'bundles', 2, 'sharedMaterials', 0, 'appliesTo').push({ itemCode: '310101-SH-JM-001', materialId: 'applicant_id' }); // not a member (index 3)
    at(bad, 'calendar', 1).year = 2026; // two 2026 entries: and then all 2027 dates are out of year
    at(bad, 'calendar', 0, 'makeupWorkdays').push('2026-10-09'); // a Friday (index 6)
    const paths = errorsOf(bad).map((e) => e.path);
    expect(paths).toContain('bundles[0].code');
    expect(paths).toContain('bundles[1].items[4]');
    expect(paths).toContain('bundles[2].sharedMaterials[0].appliesTo[3].itemCode');
    expect(paths).toContain('calendar[1].year');
    expect(paths).toContain('calendar[1].holidays[0]');
    expect(paths).toContain('calendar[0].makeupWorkdays[6]');
  });

  it('reports a file in an unknown format version alone', () => {
    const errors = errorsOf({ formatVersion: 3, items: 'whatever' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('formatVersion');
    expect(errors[0]?.message).toMatch(/unsupported catalog format 3/);
  });

  it('reports missing parts of the file by name, and a non-object as $', () => {
    const paths = errorsOf({ formatVersion: 2 }).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['catalogVersion', 'halls', 'departments', 'certificateTypes', 'items', 'bundles', 'calendar']));
    expect(errorsOf('not a catalog').map((e) => e.path)).toEqual(['$']);
  });
});

describe('format 2: item type, limit units, departments and the hall', () => {
  it('refuses items without a type, a limit unit or a department, each at its JSON path', () => {
    const bad = sampleCopy();
    delete at(bad, 'items', 4).itemType;
    delete at(bad, 'items', 5).legalLimitUnit;
    at(bad, 'items', 6).promisedLimitUnit = 'weeks';
    delete at(bad, 'items', 7).department;
    at(bad, 'items', 8).department = 'no_such_department';
    at(bad, 'items', 9).itemType = 'licence';
    const byPath = new Map(errorsOf(bad).map((e) => [e.path, e.message]));
    expect([...byPath.keys()].sort()).toEqual(
      ['items[4].itemType', 'items[5].legalLimitUnit', 'items[6].promisedLimitUnit', 'items[7].department', 'items[8].department', 'items[9].itemType'].sort(),
    );
    expect(byPath.get('items[8].department')).toMatch(/unknown department "no_such_department"/);
  });

  it('checks departments and halls: unique ids, 文号 patterns with {year} and {seq}, phone numbers', () => {
    const bad = sampleCopy();
    at(bad, 'departments', 1).id = at(bad, 'departments', 0).id;
    at(bad, 'departments', 2).documentNumberPattern = '黄人社受〔2026〕号';
    at(bad, 'departments', 3).documentNumberPattern = '黄医保受〔{year}〕{seq}{dept}号';
    at(bad, 'departments', 4).signing = 'stamp';
    at(bad, 'halls', 0).supervisionPhone = 'call us';
    delete at(bad, 'halls', 0).address;
    const paths = errorsOf(bad).map((e) => `${e.path}: ${e.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^departments\[1\]\.id: duplicate id "hp_police" \(first at departments\[0\]\)/),
        expect.stringMatching(/^departments\[2\]\.documentNumberPattern: must contain \{year\} and \{seq\}/),
        expect.stringMatching(/^departments\[3\]\.documentNumberPattern: placeholders are/),
        expect.stringMatching(/^departments\[4\]\.signing/),
        expect.stringMatching(/^halls\[0\]\.supervisionPhone/),
        expect.stringMatching(/^halls\[0\]\.address/),
      ]),
    );
  });
});

/** A format-1 file as the app of issue 3 read it: departments named on each item, limits in working days. */
function formatOne(): Record<string, unknown> {
  const item = (code: string, zh: string, dept: string, legal: number) => ({
    code,
    name: { 'zh-CN': zh, en: zh },
    department: { 'zh-CN': dept, en: dept },
    category: 'enterprises',
    kind: 'promised',
    legalLimitDays: legal,
    promisedLimitDays: 3,
    fee: { amountFen: 0 },
    legalBasis: { 'zh-CN': '《依据》', en: 'Basis' },
    delivery: ['window'],
    materials: [{ id: 'form', name: { 'zh-CN': '申请表', en: 'Form' }, required: true, form: 'original', copies: 1, key: true }],
  });
  return {
    formatVersion: 1,
    catalogVersion: 'v1-file',
    certificateTypes: [],
    items: [item('A-1', '食品经营许可', '区市场监督管理局', 10), item('A-2', '公司变更登记', '区市场监督管理局', 3), item('B-1', '失业登记', '区人力资源和社会保障局', 5)],
    bundles: [],
    calendar: [{ year: 2026, holidays: [], makeupWorkdays: [] }],
  };
}

describe('migrating a format-1 file', () => {
  it('imports it as format 2 and reports every choice it made, with its path', () => {
    const r = parseCatalog(formatOne());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.catalog.formatVersion).toBe(2);
    expect(r.catalog.departments.map((d) => [d.id, d.name['zh-CN'], d.signing, d.reviewBody])).toEqual([
      ['department_1', '区市场监督管理局', 'hall_entrusted', undefined],
      ['department_2', '区人力资源和社会保障局', 'hall_entrusted', undefined],
    ]);
    expect(r.catalog.items.map((i) => [i.department, i.itemType, i.legalLimitUnit, i.promisedLimitUnit])).toEqual([
      ['department_1', 'other_power', 'working_days', 'working_days'],
      ['department_1', 'other_power', 'working_days', 'working_days'],
      ['department_2', 'other_power', 'working_days', 'working_days'],
    ]);
    expect(r.catalog.halls).toEqual([]);
    expect(r.migration?.from).toBe(1);
    const notes = new Map(r.migration?.notes.map((n) => [n.path, n.message]));
    expect([...notes.keys()]).toEqual(['formatVersion', 'items[*].legalLimitUnit', 'items[*].promisedLimitUnit', 'items[*].itemType', 'departments[0]', 'departments[1]', 'halls']);
    expect(notes.get('items[*].itemType')).toMatch(/3 items set to other_power.*never 行政许可法 §32/);
    expect(notes.get('departments[1]')).toMatch(/"区人力资源和社会保障局".*redress_unknown/);
  });

  it('reports the errors of a broken format-1 file at their paths, and a current file has no migration', () => {
    const bad = formatOne();
    ((bad.items as Record<string, unknown>[])[1] as Record<string, unknown>).legalLimitDays = 'ten';
    ((bad.items as Record<string, unknown>[])[2] as Record<string, unknown>).department = 42;
    const r = parseCatalog(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(['items[1].legalLimitDays', 'items[2].department'].sort());
    expect(r.migration?.from).toBe(1);
    expect(parseCatalog(sample)).toMatchObject({ ok: true, migration: null });
  });
});

describe('formatPath', () => {
  it('writes JSON paths with brackets for indexes and odd keys', () => {
    expect(formatPath(['items', 3, 'materials', 1, 'copies'])).toBe('items[3].materials[1].copies');
    expect(formatPath(['items', 0, 'name', 'zh-CN'])).toBe('items[0].name["zh-CN"]');
    expect(formatPath([])).toBe('$');
  });
});
