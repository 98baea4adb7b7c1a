import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's texts against its code: every key the code names exists in every locale, every
 * locale key is used, and the locales agree with each other. Keys are literal in the code (maps
 * from a list to its texts spell each key out, typed `Record<Item, Key>`), so a scan of the sources
 * finds them all, with one documented exception below.
 */

type Tree = { readonly [key: string]: string | Tree };

const SRC = join(import.meta.dirname, '..');
const LOCALES = join(import.meta.dirname, 'locales');

/** A locale is its main file, the sync screens' and the after-intake screens' files (merged by i18n/index.ts). */
const LOCALE_FILES = { 'zh-CN': ['zh-CN.json', 'sync.zh-CN.json', 'delivery.zh-CN.json'], en: ['en.json', 'sync.en.json', 'delivery.en.json'] } as const;

/**
 * Texts looked up by a code that comes from the back end or the centre, not named in the code: the
 * error code (`errors.<code>`) and the precise reason (`reasons.<reason>`) by `useErrorText`
 * (useErrorText.ts) and `useIssueText` (screens/intake/useIssueText.ts), and the sync client's and
 * the centre's codes (`sync.error.<code>`, `sync.rejection.<code>`, `sync.command.<name>`) by
 * `useSyncText` (screens/sync/syncText.ts). These sets are open (a newer back end may send a code
 * this build has no text for, and each lookup falls back), so their keys count as used, and only
 * those three files may build a key from a value.
 */
const BY_CODE = ['errors.', 'reasons.', 'sync.error.', 'sync.rejection.', 'sync.command.'];
const BY_CODE_LOOKUPS = ['useErrorText.ts', 'screens/intake/useIssueText.ts', 'screens/sync/syncText.ts'];

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v, `${prefix}${k}.`)));
}

const readTree = (file: string): Tree => JSON.parse(readFileSync(join(LOCALES, file), 'utf8')) as Tree;
const texts = (file: string): Map<string, string> => new Map(leaves(readTree(file)));
const localeKeys = (files: readonly string[]): Set<string> => new Set(files.flatMap((f) => [...texts(f).keys()]));

/** `{{name}}` and `{{name, format}}`: the variables a text fills in. */
const variables = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [path] : [];
  });
}

const FILES = sources(SRC).map((path) => ({ path: relative(SRC, path).replaceAll('\\', '/'), code: readFileSync(path, 'utf8') }));
const KEY_SHAPE = /^[\w-]+(\.[\w-]+)+$/;

/** Every string literal of a source (quotes and backticks without `${`). */
function literals(code: string): string[] {
  return [...code.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n$])*)\1/g)].map((m) => m[2] ?? '');
}

/** The first argument of every `t(…)` and `i18n.exists(…)` call, as written (up to its comma or closing parenthesis). */
function firstArguments(code: string): string[] {
  return [...code.matchAll(/(?<![\w.])(?:t|i18n\.exists|exists|has)\(\s*([^,()]*)/g)].map((m) => (m[1] ?? '').trim());
}

describe('locale files', () => {
  for (const at of [0, 1, 2] as const) {
    const zh = LOCALE_FILES['zh-CN'][at];
    const en = LOCALE_FILES.en[at];

    it(`${zh} and ${en} have exactly the same keys`, () => {
      const zhKeys = [...texts(zh).keys()].sort();
      const enKeys = [...texts(en).keys()].sort();
      expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
      expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    });

    it(`${zh} and ${en} fill in the same {{variables}} in each text, and leave none empty`, () => {
      const zhTexts = texts(zh);
      const differ = [...texts(en)].filter(([k, v]) => zhTexts.has(k) && variables(v).join() !== variables(zhTexts.get(k) ?? '').join());
      expect(differ.map(([k]) => k)).toEqual([]);
      const empty = [...texts(en), ...zhTexts].filter(([, v]) => v.trim() === '');
      expect(empty.map(([k]) => k)).toEqual([]);
    });
  }

  it('the variable scan sees variables (so the parity above can fail)', () => {
    expect(variables('{{count}} since {{ time }}, {{n, number}}')).toEqual(['count', 'n', 'time']);
  });
});

describe('text keys in the renderer', () => {
  const locales = Object.values(LOCALE_FILES).map((files) => localeKeys(files));
  const everyLocale = (key: string): boolean => locales.every((keys) => keys.has(key));

  it('are literal: only the by-code lookups build a key from a value', () => {
    const built = FILES.filter((f) => !BY_CODE_LOOKUPS.includes(f.path)).flatMap((f) =>
      firstArguments(f.code)
        .filter((arg) => arg.startsWith('`') && arg.includes('${'))
        .map((arg) => `${f.path}: ${arg}`),
    );
    expect(built).toEqual([]);
    // The by-code lookups build keys under their namespaces only.
    const lookups = FILES.filter((f) => BY_CODE_LOOKUPS.includes(f.path));
    expect(lookups.map((f) => f.path).sort()).toEqual([...BY_CODE_LOOKUPS].sort());
    const outside = lookups.flatMap((f) => [...f.code.matchAll(/`([\w.]+)\$\{/g)].map((m) => m[1] ?? '').filter((prefix) => !BY_CODE.includes(prefix)));
    expect(outside).toEqual([]);
  });

  it('named in t(…) and exists(…) are in every locale', () => {
    const named = FILES.flatMap((f) =>
      firstArguments(f.code).flatMap((arg) =>
        literals(arg)
          .filter((s) => KEY_SHAPE.test(s))
          .map((key) => ({ key, at: f.path })),
      ),
    );
    expect(named.length).toBeGreaterThan(300);
    expect(named.filter((n) => !everyLocale(n.key)).map((n) => `${n.at}: ${n.key}`)).toEqual([]);
  });

  it('in the locales are all used: named somewhere in the code, or looked up by code', () => {
    const inCode = new Set(FILES.flatMap((f) => literals(f.code)));
    const unused = [...localeKeys(LOCALE_FILES['zh-CN'])].filter((k) => !inCode.has(k) && !BY_CODE.some((ns) => k.startsWith(ns)));
    expect(unused).toEqual([]);
  });

  it('the scans find what they look for (a broken regex would pass everything)', () => {
    expect(firstArguments("t('a.b', { n }) + i18n.exists(`reasons.${x}`) + t(ok ? 'c.d' : 'e.f')")).toEqual(["'a.b'", '`reasons.${x}`', "ok ? 'c.d' : 'e.f'"]);
    expect(literals("const m = { a: 'x.y', b: \"z.w\" }; t(`p.q`)")).toEqual(['x.y', 'z.w', 'p.q']);
  });
});
