import { describe, expect, it } from 'vitest';
import sample from '../../resources/catalog/sample-catalog.json' with { type: 'json' };
import { formatDocumentNumber, hallOf, issuerOf, redressOf } from './lookup.js';
import { parseCatalog } from './schema.js';

const parsed = parseCatalog(sample);
if (!parsed.ok) throw new Error('sample does not parse');
const catalog = parsed.catalog;
const item = (suffix: string) => {
  const found = catalog.items.find((i) => i.code === `310101-SH-${suffix}`);
  if (!found) throw new Error(suffix);
  return found;
};

describe('who decides and signs', () => {
  it('one department with its own seal, one that entrusts the hall, and the hall for several', () => {
    const hall = hallOf(catalog, null);
    const police = issuerOf(catalog, [item('JM-001')], hall);
    expect([police.signing, police.departments.map((d) => d.name['zh-CN']), police.key]).toEqual(['own_seal', ['上海市公安局黄浦分局'], 'department:hp_police']);
    const food = issuerOf(catalog, [item('QY-006')], hall);
    expect([food.signing, food.departments.map((d) => d.name['zh-CN']), food.documentNumberPattern]).toEqual(['hall_entrusted', ['上海市黄浦区市场监督管理局'], '黄市监受〔{year}〕{seq}号']);
    const both = issuerOf(catalog, [item('QY-001'), item('QY-006'), item('JS-007')], hall);
    expect([both.signing, both.departments.length, both.key]).toEqual(['hall_entrusted', 2, 'hall:hp_hall']);
  });

  it('finds the terminal’s hall by id or Chinese name, else the first', () => {
    expect(hallOf(catalog, '上海市黄浦区行政服务中心')?.id).toBe('hp_hall');
    expect(hallOf(catalog, 'hp_hall')?.id).toBe('hp_hall');
    expect(hallOf(catalog, '某某中心')?.id).toBe('hp_hall');
    expect(hallOf({ halls: [] }, 'hp_hall')).toBeNull();
  });

  it('takes the item’s own 复议机关 over its department’s (the tobacco bureau is vertically led)', () => {
    expect(redressOf(catalog, item('QY-014')).reviewBody?.['zh-CN']).toBe('上海市烟草专卖局');
    expect(redressOf(catalog, item('QY-006'))).toMatchObject({ reviewBody: { 'zh-CN': '上海市黄浦区人民政府' }, court: { 'zh-CN': '上海市黄浦区人民法院' } });
    expect(redressOf(catalog, { ...item('QY-006'), court: { 'zh-CN': '上海铁路运输法院', en: 'Shanghai Railway Transport Court' } }).court?.['zh-CN']).toBe('上海铁路运输法院');
  });
});

describe('formatDocumentNumber', () => {
  it('fills year and sequence, putting the terminal code before the sequence unless the pattern places it', () => {
    expect(formatDocumentNumber('黄市监受〔{year}〕{seq}号', { year: 2026, seq: 7, terminal: 'T3101010012' })).toBe('黄市监受〔2026〕T3101010012-0007号');
    expect(formatDocumentNumber('黄市监受〔{year}〕{terminal}{seq}号', { year: 2026, seq: 12345, terminal: 'T31' })).toBe('黄市监受〔2026〕T3112345号');
  });
});
