import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { parseCatalog } from './schema.js';
import type { Catalog, CatalogItem } from './schema.js';
import { buildCatalogIndex, pinyinInitials, search } from './search.js';

const parsed = parseCatalog(sample);
if (!parsed.ok) throw new Error(`sample catalog does not parse: ${JSON.stringify(parsed.errors)}`);
const catalog = parsed.catalog;
const index = buildCatalogIndex(catalog);
const C = (suffix: string): string => `310101-SH-${suffix}`;

function item(code: string, zh: string, en: string): CatalogItem {
  return {
    code,
    name: { 'zh-CN': zh, en },
    department: { 'zh-CN': '区市场监督管理局', en: 'District Administration for Market Regulation' },
    category: 'enterprises',
    kind: 'immediate',
    legalLimitDays: 0,
    promisedLimitDays: 0,
    fee: { amountFen: 0 },
    legalBasis: { 'zh-CN': '无', en: 'None' },
    delivery: ['window'],
    materials: [{ id: 'form', name: { 'zh-CN': '申请表', en: 'Form' }, required: true, form: 'original', copies: 1, key: true }],
  };
}

describe('pinyinInitials', () => {
  it('takes the first letter of each syllable and keeps Latin letters and digits', () => {
    expect(pinyinInitials('户口迁入')).toBe('hkqr');
    expect(pinyinInitials('公共场所卫生许可（新办）')).toBe('ggcswsxkxb');
    expect(pinyinInitials('第二类医疗器械')).toBe('delylqx');
    expect(pinyinInitials('A级 3号')).toBe('aj3h');
  });
});

describe('search', () => {
  it('finds an item by its exact code, in any case', () => {
    const hits = search(index, C('JM-001'));
    expect(hits[0]).toMatchObject({ kind: 'item', code: C('JM-001'), matchedBy: 'code_exact', category: 'residents' });
    expect(hits[0]?.name['zh-CN']).toBe('户口迁入登记');
    expect(search(index, C('jm-001').toLowerCase())[0]?.matchedBy).toBe('code_exact');
  });

  it('finds items by code prefix, in code order', () => {
    const hits = search(index, '310101-sh-jm-00');
    expect(hits.map((h) => h.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => C(`JM-00${n}`)));
    expect(new Set(hits.map((h) => h.matchedBy))).toEqual(new Set(['code_prefix']));
  });

  it('finds by pinyin initials: hkqr → 户口迁入登记', () => {
    const hits = search(index, 'hkqr');
    expect(hits.map((h) => [h.code, h.matchedBy])).toEqual([[C('JM-001'), 'initials_prefix']]);
    expect(search(index, 'HKQR')[0]?.code).toBe(C('JM-001'));
    // Bundles too: 出生一件事 = csyjs
    expect(search(index, 'csyj').map((h) => [h.kind, h.code])).toEqual([['bundle', C('YJS-001')]]);
  });

  it('finds by a Chinese substring, shorter names first', () => {
    const hits = search(index, '居住证');
    expect(hits.map((h) => [h.name['zh-CN'], h.matchedBy])).toEqual([
      ['上海市居住证签注', 'substring'],
      ['上海市居住证首次申领', 'substring'],
    ]);
    expect(search(index, '一件事').map((h) => h.name['zh-CN'])).toEqual(['出生一件事', '退休一件事', '开办餐饮店一件事']);
  });

  it('ranks a Chinese name prefix above a substring', () => {
    expect(search(index, '食品经营许可').map((h) => [h.code, h.matchedBy])).toEqual([
      [C('QY-006'), 'name_prefix'],
      [C('QY-007'), 'name_prefix'],
      [C('QY-008'), 'name_prefix'],
    ]);
  });

  it('finds by English name, case-insensitive', () => {
    expect(search(index, 'BIRTH').map((h) => [h.code, h.matchedBy])).toEqual([
      [C('JM-002'), 'name_prefix'], // Birth registration (household register)
      [C('JM-009'), 'substring'], // Medical birth certificate: first issue
    ]);
    expect(search(index, 'pension')[0]?.code).toBe(C('SB-004'));
  });

  it('ranks exact code > code prefix > name prefix > initials prefix > substring', () => {
    const small = buildCatalogIndex({
      items: [
        item('ZZ-5', '简易注销', 'Easy closing'), // substring of the English name
        item('ZZ-4', '审验登记', 'Inspection filing'), // initials sydj
        item('ZZ-3', '标识登记', 'Symbol registration'), // English name prefix
        item('SY-2', '其他事项', 'Other'), // code prefix
        item('SY', '其他', 'Other'), // exact code
        item('ZZ-6', '无关事项', 'Unrelated'), // no match
      ],
      bundles: [],
    });
    expect(search(small, 'sy').map((h) => [h.code, h.matchedBy])).toEqual([
      ['SY', 'code_exact'],
      ['SY-2', 'code_prefix'],
      ['ZZ-3', 'name_prefix'],
      ['ZZ-4', 'initials_prefix'],
      ['ZZ-5', 'substring'],
    ]);
    // The limit keeps the best ones.
    expect(search(small, 'sy', 3).map((h) => h.code)).toEqual(['SY', 'SY-2', 'ZZ-3']);
  });

  it('respects the limit and finds nothing for an empty query', () => {
    expect(search(index, '310101', 5)).toHaveLength(5);
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, '户口', 0)).toEqual([]);
    expect(search(index, '不存在的事项名称')).toEqual([]);
  });

  it('answers a query over 2,500 items well under a millisecond', () => {
    // 2,520 items: the sample's 56, re-coded for 45 districts.
    const items: CatalogItem[] = [];
    for (let d = 0; d < 45; d += 1) {
      for (const it of catalog.items) items.push({ ...it, code: it.code.replace('310101', String(310101 + d * 2)) });
    }
    const big: Pick<Catalog, 'items' | 'bundles'> = { items, bundles: catalog.bundles };
    const bigIndex = buildCatalogIndex(big);
    expect(search(bigIndex, 'hkqr', 100)).toHaveLength(45);
    const queries = ['hkqr', '食品', '许可', 'licence', '310105-SH-QY', '310111-SH-JT-003', 'sbk', 'xkz', '证', 'registration', 'zz', '出生一件事'];
    for (const q of queries) search(bigIndex, q); // warm up
    const rounds = 50;
    // CPU time, not the clock: on a loaded machine (CI, the flake proof) the clock also counts the
    // time other processes had the CPU, which says nothing about the search.
    const t0 = process.cpuUsage();
    for (let r = 0; r < rounds; r += 1) for (const q of queries) search(bigIndex, q, 20);
    const used = process.cpuUsage(t0);
    const perQuery = (used.user + used.system) / 1000 / (rounds * queries.length);
    expect(perQuery).toBeLessThan(1);
  });
});
