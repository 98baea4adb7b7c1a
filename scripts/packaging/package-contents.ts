import { listPackage, statFile, extractFile } from '@electron/asar';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * What a package's app.asar holds, and what must not be in it: tests, source maps, TypeScript
 * sources, dev dependencies; and what must be: every package the main bundle loads at run time
 * (imports, and the modules it requires by name), with their own dependencies, the fonts with their
 * licence, the sample catalog. Works on the asar electron-builder wrote (scripts/packaging/packaging.test.ts).
 */
export interface AsarEntry {
  path: string; // '/node_modules/zod/package.json'
  size: number;
  unpacked: boolean;
}

export function asarEntries(asar: string): AsarEntry[] {
  const out: AsarEntry[] = [];
  for (const raw of listPackage(asar, { isPack: false })) {
    const path = raw.replaceAll('\\', '/');
    const st = statFile(asar, path.slice(1), false) as { size?: number; unpacked?: boolean; files?: unknown };
    if (st.files !== undefined || st.size === undefined) continue; // a folder
    out.push({ path, size: st.size, unpacked: st.unpacked === true });
  }
  return out;
}

const FORBIDDEN: { what: string; test: (p: string) => boolean }[] = [
  { what: 'a test', test: (p) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(p) || /\/(__tests__|tests?)\//.test(p) },
  { what: 'a source map', test: (p) => p.endsWith('.map') },
  { what: 'TypeScript source', test: (p) => /\.tsx?$/.test(p) && !p.endsWith('.d.ts') },
  { what: 'C/C++ source', test: (p) => /\.(c|cc|cpp|h|hpp|gyp|gypi)$/.test(p) },
];

/** The package that a path inside node_modules belongs to, e.g. 'node_modules/@img/colour'. */
function packageRoot(path: string): string | null {
  const m = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return m?.[1] ?? null;
}

/**
 * `prodDeclared`: names some production package depends on (a dev dependency of ours that is also
 * a production package's dependency, like ajv for fastify, belongs there).
 */
export function forbiddenEntries(entries: readonly AsarEntry[], devDependencies: readonly string[], prodDeclared: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const { path } of entries) {
    const bad = FORBIDDEN.find((f) => f.test(path));
    if (bad) problems.push(`${path}: ${bad.what}`);
  }
  const dev = new Set(devDependencies.filter((d) => !prodDeclared.has(d)));
  for (const root of new Set(entries.map((e) => packageRoot(e.path)).filter((r): r is string => r !== null))) {
    const name = root.replace(/^.*\/node_modules\//, '');
    if (dev.has(name)) problems.push(`${root}: a dev dependency`);
  }
  return problems;
}

/** Bare module names the main bundle loads: its external imports and `require*("name")` calls. */
export async function runtimeModules(root: string, entry = 'main/electron/main.ts', bundle = 'dist/main.mjs'): Promise<string[]> {
  const r = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', external: ['electron'], write: false, metafile: true, outfile: join(root, 'x.mjs'), logLevel: 'silent' });
  const names = new Set<string>();
  for (const o of Object.values(r.metafile.outputs)) for (const i of o.imports) if (i.external) names.add(i.path);
  const text = readFileSync(join(root, bundle), 'utf8');
  for (const [, name] of text.matchAll(/\b\w*[rR]equire\w*\(\s*["']([^"'./][^"']*)["']\s*\)/g)) if (name) names.add(name);
  return [...names].filter((n) => !n.startsWith('node:') && n !== 'electron').sort();
}

export const packageName = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Every package the runtime modules need, resolved as Node would inside the asar (nested
 * node_modules first, then upwards), with their dependencies; returns what cannot be found.
 */
export function missingInAsar(asar: string, entries: readonly AsarEntry[], modules: readonly string[]): string[] {
  const have = new Set(entries.map((e) => e.path));
  const missing: string[] = [];
  const seen = new Set<string>();
  const resolveFrom = (fromDir: string, name: string): string | null => {
    for (let dir = fromDir; ; dir = posix.dirname(dir)) {
      const candidate = posix.join(dir, 'node_modules', name);
      if (have.has(`${candidate}/package.json`)) return candidate;
      if (dir === '/') return null;
    }
  };
  const visit = (fromDir: string, name: string, via: string): void => {
    const dir = resolveFrom(fromDir, name);
    if (!dir) {
      missing.push(`${name} (needed by ${via})`);
      return;
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(extractFile(asar, `${dir.slice(1)}/package.json`).toString('utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep, name);
  };
  for (const m of modules) visit('/', packageName(m), 'dist/main.mjs');
  return missing;
}

/** Every dependency name declared by the package.json files in the asar. */
export function declaredDependencies(asar: string, entries: readonly AsarEntry[]): Set<string> {
  const names = new Set<string>();
  for (const { path } of entries) {
    if (!/\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(path) && path !== '/package.json') continue;
    const pkg = JSON.parse(extractFile(asar, path.slice(1)).toString('utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies ?? {})) names.add(name);
  }
  return names;
}

export function sizeReport(entries: readonly AsarEntry[]): { total: number; byTop: [string, number][] } {
  const by = new Map<string, number>();
  for (const e of entries) {
    const key = packageRoot(e.path)?.replace(/^\//, '') ?? e.path.split('/').slice(1, 3).join('/');
    by.set(key, (by.get(key) ?? 0) + e.size);
  }
  return { total: entries.reduce((s, e) => s + e.size, 0), byTop: [...by].sort((a, b) => b[1] - a[1]) };
}
