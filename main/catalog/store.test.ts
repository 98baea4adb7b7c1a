import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { readCatalog } from './store.js';

describe('the stored catalog', () => {
  it('reads a catalog an older app stored in format 1 as format 2, migrated like an import', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, migrations.length);
    const v1 = {
      formatVersion: 1,
      catalogVersion: 'stored-v1',
      certificateTypes: [],
      items: [
        {
          code: 'A-1',
          name: { 'zh-CN': '失业登记', en: 'Unemployment registration' },
          department: { 'zh-CN': '区人力资源和社会保障局', en: 'District HR' },
          category: 'social_security',
          kind: 'immediate',
          legalLimitDays: 0,
          promisedLimitDays: 0,
          fee: { amountFen: 0 },
          legalBasis: { 'zh-CN': '《就业促进法》', en: 'Employment Promotion Law' },
          delivery: ['window'],
          materials: [{ id: 'form', name: { 'zh-CN': '申请表', en: 'Form' }, required: true, form: 'original', copies: 1, key: true }],
        },
      ],
      bundles: [],
      calendar: [{ year: 2026, holidays: [], makeupWorkdays: [] }],
    };
    // The rows as the older app's writeCatalog left them.
    const [item] = v1.items;
    db.prepare(
      `INSERT INTO catalog_items (code, name_zh, name_en, department_zh, category, kind, legal_limit_days, promised_limit_days, fee_fen, data)
       VALUES ('A-1', '失业登记', 'Unemployment registration', '区人力资源和社会保障局', 'social_security', 'immediate', 0, 0, 0, ?)`,
    ).run(JSON.stringify(item));
    db.prepare('INSERT INTO calendar_years (year, data) VALUES (2026, ?)').run(JSON.stringify(v1.calendar[0]));
    db.prepare("INSERT INTO catalog_meta (id, imported_at, source, sha256, data) VALUES (1, 'n', 'old app', 'x', ?)").run(
      JSON.stringify({ formatVersion: 1, catalogVersion: v1.catalogVersion, certificateTypes: [] }),
    );
    const read = readCatalog(db);
    expect(read?.formatVersion).toBe(2);
    expect(read?.departments).toEqual([{ id: 'department_1', name: { 'zh-CN': '区人力资源和社会保障局', en: 'District HR' }, signing: 'hall_entrusted' }]);
    expect(read?.items[0]).toMatchObject({ department: 'department_1', itemType: 'other_power', legalLimitUnit: 'working_days' });
  });
});
