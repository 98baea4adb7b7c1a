import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeLocale, resources } from '../../i18n/index.js';
import en from '../../i18n/locales/en.json';
import syncEn from '../../i18n/locales/sync.en.json';
import syncZhCN from '../../i18n/locales/sync.zh-CN.json';
import zhCN from '../../i18n/locales/zh-CN.json';

type Tree = { readonly [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

const src = join(import.meta.dirname, '..', '..');
/** The sync texts' users: this folder, the case screens (centre status), the terminal page (enrollment). */
const USERS = ['screens/sync', 'screens/cases', 'screens/terminal'];

describe('sync locale files', () => {
  it('have the same keys in zh-CN and en, every text filled in', () => {
    expect(keys(syncEn).sort()).toEqual(keys(syncZhCN).sort());
    for (const tree of [syncEn, syncZhCN]) {
      const empty = keys(tree).filter((k) => k.split('.').reduce<Tree | string>((t, p) => (typeof t === 'string' ? t : (t[p] ?? '')), tree) === '');
      expect(empty).toEqual([]);
    }
  });

  it('add keys without shadowing the main locale files', () => {
    const main = new Set([...keys(en), ...keys(zhCN)]);
    expect(keys(syncEn).filter((k) => main.has(k))).toEqual([]);
  });

  it('are merged into the resources, the main file winning where both say something', () => {
    expect(resources.en.translation.sync.title).toBe(syncEn.sync.title);
    expect(resources['zh-CN'].translation.reasons.enrollment_invalid).toBe(syncZhCN.reasons.enrollment_invalid);
    expect(resources['zh-CN'].translation.reasons.id_checksum).toBe(zhCN.reasons.id_checksum);
    expect(mergeLocale({ a: { b: 'main', c: 'c' } }, { a: { b: 'extra', d: 'd' }, e: 'e' })).toEqual({ a: { b: 'main', c: 'c', d: 'd' }, e: 'e' });
  });

  it('hold every literal sync key the screens use', () => {
    const known = new Set(keys(syncEn));
    const used = USERS.flatMap((dir) =>
      readdirSync(join(src, dir))
        .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
        .flatMap((f) => [...readFileSync(join(src, dir, f), 'utf8').matchAll(/t\('(sync\.[\w.]+)'/g)].map((m) => m[1] ?? '')),
    );
    expect(used.length).toBeGreaterThan(50);
    expect([...new Set(used)].filter((k) => !known.has(k))).toEqual([]);
  });
});
