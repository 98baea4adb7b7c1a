import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN, signedInTerminal } from '../../tests/support/intake.js';
import { resourcePath } from '../resources.js';

const sample = (): Record<string, unknown> => JSON.parse(readFileSync(resourcePath('catalog/sample-catalog.json'), 'utf8')) as Record<string, unknown>;

describe('catalog handlers', () => {
  it('searches the loaded catalog by pinyin initials, code and English', async () => {
    const { call } = await signedInTerminal();
    const byInitials = await call('catalog.search', { query: 'hkqr', limit: 5 });
    expect(byInitials.ok && byInitials.value[0]).toMatchObject({ code: '310101-SH-JM-001', name: { 'zh-CN': '户口迁入登记' } });
    const byCode = await call('catalog.search', { query: '310101-SH-YJS-001', limit: 5 });
    expect(byCode.ok && byCode.value[0]).toMatchObject({ kind: 'bundle', matchedBy: 'code_exact' });
  });

  it('asks shared materials of a bundle once in its checklist', async () => {
    const { call } = await signedInTerminal();
    const r = await call('catalog.checklist', { target: { bundleCode: '310101-SH-YJS-001' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = r.value.entries.map((e) => e.name['zh-CN']);
    expect(new Set(names).size).toBe(names.length);
    expect(r.value.items).toHaveLength(4);
  });

  it('imports nothing from a bad file and reports every error with its place', async () => {
    const { ctx, call } = await signedInTerminal();
    await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const before = ctx.store.db.prepare('SELECT sha256 FROM catalog_meta').get();
    const bad = sample();
    const items = bad.items as Record<string, unknown>[];
    items[1] = { ...items[1], code: items[0]?.code };
    (items[2]?.materials as Record<string, unknown>[])[0]!.copies = 0;
    // Format 2's musts: an item without its type, a limit without its unit, an item without a department.
    delete items[3]!.itemType;
    delete items[4]!.promisedLimitUnit;
    delete items[5]!.department;
    const r = await call('catalog.import', { catalog: bad, source: 'bad.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.imported).toBe(false);
    expect(r.value.errors.length).toBeGreaterThanOrEqual(5);
    expect(r.value.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['items[2].materials[0].copies', 'items[3].itemType', 'items[4].promisedLimitUnit', 'items[5].department']));
    expect(ctx.store.db.prepare('SELECT sha256 FROM catalog_meta').get()).toEqual(before);
  });

  it('replaces the catalog from a good file, journaled, for admins only', async () => {
    const { ctx, call } = await signedInTerminal();
    const good = { ...sample(), catalogVersion: 'test-2' };
    expect(await call('catalog.import', { catalog: good, source: 'good.json' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    const r = await call('catalog.import', { catalog: good, source: 'good.json' });
    expect(r).toMatchObject({ ok: true, value: { imported: true, items: 57, bundles: 5, years: [2026, 2027] } });
    expect(ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action = 'catalog.import'").get()).toEqual({ n: 2 });
  });

  it('migrates a format-1 file on import, reports what it filled in, and the import journal says so', async () => {
    const { ctx, call } = await signedInTerminal();
    await call('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
    // The sample as format 1 wrote it: departments named on each item, no types, units, halls.
    const v2 = sample();
    const names = new Map((v2.departments as { id: string; name: unknown }[]).map((d) => [d.id, d.name]));
    const { halls: _h, departments: _d, ...rest } = v2;
    const v1 = {
      ...rest,
      formatVersion: 1,
      catalogVersion: 'old-format',
      items: (v2.items as Record<string, unknown>[]).map(({ itemType: _t, legalLimitUnit: _l, promisedLimitUnit: _p, venue: _v, reviewBody: _r, court: _c, ...item }) => ({ ...item, department: names.get(item.department as string) })),
    };
    const r = await call('catalog.import', { catalog: v1, source: 'v1.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ imported: true, errors: [], items: 57, migration: { from: 1 } });
    expect(r.value.migration?.notes.map((n) => n.path)).toEqual(expect.arrayContaining(['items[*].itemType', 'items[*].legalLimitUnit', 'departments[0]', 'halls']));
    expect(ctx.catalog?.catalog.items.every((i) => i.itemType === 'other_power' && i.legalLimitUnit === 'working_days')).toBe(true);
    const journal = ctx.store.db.prepare("SELECT details FROM audit_journal WHERE action = 'catalog.import' ORDER BY seq DESC LIMIT 1").get() as { details: string };
    expect(JSON.parse(journal.details)).toMatchObject({ catalogVersion: 'old-format', migratedFrom: 1 });
  });
});
