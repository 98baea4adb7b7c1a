import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * What `npm start` needs before it can launch the desktop app: the Electron binary (fetched on demand,
 * because installs here must work without reaching Electron's download host) and a better-sqlite3 built
 * for Electron's ABI, kept apart from node_modules so that the Node build the tests use stays intact.
 */
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
export const electronVersion = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;

export function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : null;
}

/** Runs Electron's own installer, which honours ELECTRON_MIRROR and ELECTRON_CUSTOM_DIR. */
export function fetchElectron(timeoutMs: number): boolean {
  const res = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: timeoutMs });
  return res.status === 0 && electronBinary() !== null;
}

/** Builds better_sqlite3.node for Electron once per Electron version; returns its path or null. */
export function electronSqliteBinding(root: string): string | null {
  const cacheDir = resolve(root, '.cache', `electron-${electronVersion}`);
  const moduleDir = join(cacheDir, 'better-sqlite3');
  const binding = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(cacheDir, { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), moduleDir, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const res = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      `--dist-url=${process.env.ELECTRON_HEADERS_MIRROR ?? 'https://electronjs.org/headers'}`,
    ],
    { cwd: moduleDir, stdio: 'inherit' },
  );
  return res.status === 0 && existsSync(binding) ? binding : null;
}
