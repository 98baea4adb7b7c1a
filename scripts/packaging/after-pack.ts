import type { AfterPackContext } from 'electron-builder';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FUSES, fuseMismatches } from './fuses.js';
import { assertNativeFits, electronAbi, FORMAT_OF, type Arch } from './native-abi.js';

/**
 * electron-builder's afterPack hook (electron-builder.yml): runs once per platform and architecture,
 * after the app folder is laid out and before it is signed and packed into deb/rpm/AppImage/NSIS.
 * 1. The native addons unpacked from the asar fit this Electron's ABI and the target architecture.
 * 2. The fuses are flipped, then read back.
 * Either failing stops the build with the reason.
 */
const ARCH_NAMES: Record<number, Arch> = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' }; // builder-util's Arch enum

export function mainBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (electronPlatformName === 'darwin') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  return join(appOutDir, (packager as unknown as { executableName: string }).executableName);
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  await checkAndFuse(context, electronAbi());
}

/** The hook's work, with the ABI to expect as a parameter (the packaging test packs the Node build). */
export async function checkAndFuse(context: AfterPackContext, abi: number): Promise<void> {
  const arch = ARCH_NAMES[context.arch];
  const format = FORMAT_OF[context.electronPlatformName];
  if (!arch || !format) throw new Error(`afterPack: no check for ${context.electronPlatformName} arch ${context.arch}`);
  const unpacked = join(context.appOutDir, 'resources', 'app.asar.unpacked');
  if (!existsSync(unpacked)) throw new Error(`afterPack: ${unpacked} is missing; better-sqlite3 and sharp must be unpacked from the asar (asarUnpack)`);
  const files = assertNativeFits(unpacked, { abi, arch, format }, 'afterPack');
  for (const needed of ['better_sqlite3.node', `sharp-${context.electronPlatformName}-${arch}.node`]) {
    if (!files.some((f) => f.endsWith(needed))) throw new Error(`afterPack: ${needed} is not in the package (for another architecture: npm install --cpu=${arch} --os=${context.electronPlatformName} sharp)`);
  }
  console.log(`  • afterPack: ${files.length} native addon(s) fit ABI ${abi} on ${context.electronPlatformName} ${arch}`);

  const binary = mainBinary(context);
  await context.packager.addElectronFuses(context, FUSES);
  const wrong = await fuseMismatches(binary);
  if (wrong.length > 0) throw new Error(`afterPack: fuses not set on ${binary}:\n${wrong.map((w) => `  - ${w}`).join('\n')}`);
  console.log('  • afterPack: fuses set (RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption, asar integrity and asar-only on)');
}
