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

  it('has at least 40 items in every category, 3 bundles and the 2026–2027 calendar', () => {
    if (!r.ok) throw new Error('sample does not parse');
    const { catalog } = r;
    expect(catalog.items.length).toBeGreaterThanOrEqual(40);
    expect(catalog.bundles.length).toBeGreaterThanOrEqual(3);
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

  it('reports a file in another format version alone', () => {
    const errors = errorsOf({ formatVersion: 2, items: 'whatever' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('formatVersion');
    expect(errors[0]?.message).toMatch(/unsupported catalog format 2/);
  });

  it('reports missing parts of the file by name, and a non-object as $', () => {
    const paths = errorsOf({ formatVersion: 1 }).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['catalogVersion', 'certificateTypes', 'items', 'bundles', 'calendar']));
    expect(errorsOf('not a catalog').map((e) => e.path)).toEqual(['$']);
  });
});

describe('formatPath', () => {
  it('writes JSON paths with brackets for indexes and odd keys', () => {
    expect(formatPath(['items', 3, 'materials', 1, 'copies'])).toBe('items[3].materials[1].copies');
    expect(formatPath(['items', 0, 'name', 'zh-CN'])).toBe('items[0].name["zh-CN"]');
    expect(formatPath([])).toBe('$');
  });
});
