import { getCurrentFuseWire } from '@electron/fuses';
import { build, Platform, Arch, type AfterPackContext } from 'electron-builder';
import { load } from 'js-yaml';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../electron-setup.js';
import { checkAndFuse, mainBinary } from './after-pack.js';
import { fuseMismatches } from './fuses.js';
import { asarEntries, declaredDependencies, forbiddenEntries, missingInAsar, runtimeModules, sizeReport, type AsarEntry } from './package-contents.js';

// The production package's app folder, made by electron-builder itself from electron-builder.yml
// (`--dir`), around a stand-in Electron binary: a file carrying Electron's fuse wire and nothing
// else, because the real binary cannot be fetched here. The asar, what is unpacked, the afterPack
// hook (ABI check, fuses) are electron-builder's and ours, real; only the executable is not.
const root = resolve(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const nodeAbi = Number(process.versions.modules);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Why the package cannot be built here, or null. */
function cannotPack(): string | null {
  if (!existsSync(join(root, 'dist', 'main.mjs'))) return 'dist/ is not built (npm test builds it first; alone: npm run build)';
  if (lstatSync(join(root, 'node_modules')).isSymbolicLink()) {
    return 'node_modules is a symlink (a helper worktree): electron-builder’s npm collector cannot walk it; this runs in a real checkout (CI, npm ci)';
  }
  return null;
}

function skipBecause(ctx: { skip(note?: string): void }, reason: string): void {
  console.log(`skipped: ${reason}`);
  // The reason goes to the runner too: the closing-line reporter fails a skip that names none.
  ctx.skip(reason);
}

function standInElectron(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  // Electron 45's wire as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
  // asar integrity off, asar-only off, V8 snapshot off, file:// privileges on.
  const wire = Buffer.concat([Buffer.alloc(4096), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.alloc(4096)]);
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}

const made: string[] = [];
afterAll(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A folder that lives for the whole file (tests/support/temp.ts removes its folders after each test). */
function fileDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

async function packDir(electronDist: string, abi: number): Promise<{ appOutDir: string; binary: string }> {
  const output = fileDir('onewindow-pack-');
  let binary = '';
  const [appOutDir] = await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      directories: { output, buildResources: 'resources/build' },
      afterPack: async (ctx: AfterPackContext) => {
        binary = mainBinary(ctx);
        await checkAndFuse(ctx, abi);
      },
    },
  });
  return { appOutDir: join(output, 'linux-unpacked'), binary: binary || String(appOutDir) };
}

describe('the production package (electron-builder --dir, stand-in Electron)', () => {
  const reason = cannotPack();
  let appOutDir = '';
  let binary = '';
  let entries: AsarEntry[] = [];
  const asar = (): string => join(appOutDir, 'resources', 'app.asar');

  beforeAll(async () => {
    if (reason) return;
    ({ appOutDir, binary } = await packDir(standInElectron(fileDir('onewindow-electron-')), nodeAbi));
    entries = asarEntries(asar());
  }, 300_000);

  it('holds no tests, source maps, sources or dev dependencies; the size is reported', (ctx) => {
    if (reason) return skipBecause(ctx, reason);
    const { total, byTop } = sizeReport(entries);
    console.log(`app.asar: ${entries.length} files, ${(total / 1048576).toFixed(1)} MB; largest: ${byTop.slice(0, 8).map(([k, v]) => `${k} ${(v / 1048576).toFixed(1)} MB`).join(', ')}`);
    expect(forbiddenEntries(entries, Object.keys(pkg.devDependencies), declaredDependencies(asar(), entries))).toEqual([]);
    expect(total).toBeLessThan(250 * 1048576);
  });

  it('holds the app, the fonts with their licence and the sample catalog, and every module the main bundle loads', async (ctx) => {
    if (reason) return skipBecause(ctx, reason);
    const paths = new Set(entries.map((e) => e.path));
    for (const p of ['/dist/main.mjs', '/dist/preload.cjs', '/dist/renderer/index.html', '/package.json', '/resources/fonts/NotoSansCJKsc-Regular.otf', '/resources/fonts/OFL.txt', '/resources/catalog/sample-catalog.json']) {
      expect(paths, p).toContain(p);
    }
    expect(paths).not.toContain('/dist/host.mjs');
    expect(missingInAsar(asar(), entries, await runtimeModules(root))).toEqual([]);
    // The updater's build-time file: the provider only; the server comes from IT's update.json.
    expect(load(readFileSync(join(appOutDir, 'resources', 'app-update.yml'), 'utf8'))).toMatchObject({ provider: 'generic', url: 'https://updates.invalid/onewindow/' });
  });

  it('unpacks the native addons from the asar, checked by the afterPack hook', (ctx) => {
    if (reason) return skipBecause(ctx, reason);
    const unpacked = entries.filter((e) => e.unpacked).map((e) => e.path);
    expect(unpacked.some((p) => p.endsWith('/better_sqlite3.node'))).toBe(true);
    expect(unpacked.some((p) => /\/sharp-linux-x64\.node$/.test(p))).toBe(true);
    expect(unpacked.some((p) => /libvips-cpp\.so/.test(p))).toBe(true);
  });

  it('sets the fuses on the binary before signing, read back with @electron/fuses', async (ctx) => {
    if (reason) return skipBecause(ctx, reason);
    expect(await fuseMismatches(binary)).toEqual([]);
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(String.fromCharCode(...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => wire[i]!))).toBe('01001100');
  });

  it('fails the build when an addon does not fit the Electron it packs for', async (ctx) => {
    if (reason) return skipBecause(ctx, reason);
    await expect(packDir(standInElectron(fileDir('onewindow-electron-')), nodeAbi + 1)).rejects.toThrow(/NODE_MODULE_VERSION \d+, the target needs \d+/);
  }, 300_000);
});

describe('the production package with the real Electron', () => {
  it('packs `--dir` around Electron 45 and sets its fuses', async (ctx) => {
    const dist = process.env.ELECTRON_DIST ?? (electronBinary() ? resolve(root, 'node_modules/electron/dist') : null);
    const reason = cannotPack() ?? (dist ? null : 'no Electron distribution here (the binary is not installed and ELECTRON_DIST is not set)');
    if (reason) {
      console.log(`skipped: ${reason}`);
      return ctx.skip(reason);
    }
    const { binary } = await packDir(dist!, nodeAbi);
    expect(await fuseMismatches(binary)).toEqual([]);
  }, 300_000);
});
