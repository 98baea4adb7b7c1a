import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-setup.js';
import { assertNativeFits, electronAbi, type Arch } from './packaging/native-abi.js';
import { linuxToolProblems, type LinuxTarget } from './packaging/linux-tools.js';

/**
 * `npm run dist -- --linux [deb rpm AppImage] [--x64] [--arm64]` or `npm run dist -- --win`.
 * Per architecture: rebuild better-sqlite3 for Electron with @electron/rebuild (headers from
 * ELECTRON_HEADERS_MIRROR), check every addon's ABI and architecture, then electron-builder with
 * electron-builder.yml (the afterPack hook checks again inside the package and sets the fuses).
 * The Node build of better-sqlite3 is put back afterwards, so tests keep working on this machine.
 * Closed networks: ELECTRON_MIRROR, ELECTRON_BUILDER_BINARIES_MIRROR, ELECTRON_HEADERS_MIRROR,
 * ELECTRON_DIST (a folder of official Electron zips), USE_SYSTEM_FPM (docs/IT.md).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export interface DistPlan {
  platform: 'linux' | 'win32';
  targets: string[];
  archs: Arch[];
}

export function planFrom(argv: readonly string[]): DistPlan {
  const platform = argv.includes('--win') ? 'win32' : 'linux';
  const archs = (['x64', 'arm64'] as const).filter((a) => argv.includes(`--${a}`));
  const named = argv.filter((a) => !a.startsWith('--'));
  const targets = named.length > 0 ? named : platform === 'win32' ? ['nsis'] : ['deb', 'rpm', 'AppImage'];
  return { platform, targets, archs: archs.length > 0 ? [...archs] : ['x64'] };
}

/** Overrides from the environment: signing, publisher names, Electron zips. Secrets stay in env. */
export function configOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const win: Record<string, unknown> = {};
  const signtool: Record<string, unknown> = { signingHashAlgorithms: ['sha256'] };
  if (env.OW_SIGN_COMMAND) signtool.sign = './scripts/packaging/sign-windows.ts';
  if (env.OW_TIMESTAMP_URL) signtool.rfc3161TimeStampServer = env.OW_TIMESTAMP_URL;
  // Several names separated by "|": the old and the new certificate's subject during a change.
  if (env.OW_WIN_PUBLISHER) signtool.publisherName = env.OW_WIN_PUBLISHER.split('|').map((s) => s.trim()).filter(Boolean);
  win.signtoolOptions = signtool;
  return {
    win,
    ...(env.ELECTRON_DIST ? { electronDist: resolve(env.ELECTRON_DIST) } : {}),
    ...(env.OW_REQUIRE_SIGNING === '1' ? { forceCodeSigning: true } : {}),
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status ?? res.signal})`);
}

async function rebuildFor(arch: Arch, platform: string): Promise<void> {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: root,
    electronVersion,
    arch,
    platform: platform as NodeJS.Platform,
    onlyModules: ['better-sqlite3'],
    force: true,
    headerURL: process.env.ELECTRON_HEADERS_MIRROR ?? 'https://electronjs.org/headers',
    // No prebuilt from GitHub in a closed network: compile against the mirror's headers.
    buildFromSource: process.env.OW_BUILD_FROM_SOURCE !== '0',
  });
}

async function main(): Promise<void> {
  const plan = planFrom(process.argv.slice(2).filter((a) => a !== '--'));
  if (plan.platform === 'linux') {
    const problems = linuxToolProblems(plan.targets as LinuxTarget[], process.env);
    if (problems.length > 0) throw new Error(`cannot build Linux packages here:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  run('npm', ['run', 'build']);
  run(process.execPath, ['--import', 'tsx', 'scripts/fonts.ts']);
  const sqliteNode = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  // Kept outside node_modules so it is not packaged.
  const nodeBuild = join(root, '.cache', 'better_sqlite3.node-build');
  mkdirSync(dirname(nodeBuild), { recursive: true });
  copyFileSync(sqliteNode, nodeBuild);
  const { build, Platform } = await import('electron-builder');
  // electron-builder loads electron-builder.yml itself and merges these over it.
  const overrides = configOverrides(process.env);
  try {
    for (const arch of plan.archs) {
      await rebuildFor(arch, plan.platform);
      assertNativeFits(join(dirname(sqliteNode)), { abi: electronAbi(), arch, format: plan.platform === 'win32' ? 'pe' : 'elf' }, `better-sqlite3 for Electron ${electronVersion} ${arch}`);
      const platform = plan.platform === 'win32' ? Platform.WINDOWS : Platform.LINUX;
      await build({ targets: platform.createTarget(plan.targets, ...[archOf(arch)]), config: overrides as never, publish: 'never' });
    }
  } finally {
    if (existsSync(nodeBuild)) copyFileSync(nodeBuild, sqliteNode);
  }
}

function archOf(arch: Arch): number {
  return { ia32: 0, x64: 1, armv7l: 2, arm64: 3 }[arch];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(`\nnpm run dist: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
