import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a native addon (.node) was built for, read from its bytes without loading it, so an Electron
 * build or another architecture's build can be checked on this machine:
 * - the architecture from the ELF, PE or Mach-O header;
 * - the ABI from the init symbol Node looks up: `node_register_module_v<NODE_MODULE_VERSION>` for an
 *   addon against V8 (better-sqlite3), `napi_register_module_v1` for Node-API (sharp), which any
 *   runtime loads.
 * A wrong ABI loads nowhere but fails only at the first start on a counter ("was compiled against a
 * different Node.js version"); this check makes it fail the build instead.
 */
export type Arch = 'x64' | 'arm64' | 'ia32' | 'armv7l';
export interface NativeInfo {
  format: 'elf' | 'pe' | 'macho';
  arch: Arch | `unknown(${number})`;
  abi: number | 'napi' | null;
}

const ELF_MACHINES: Record<number, Arch> = { 62: 'x64', 183: 'arm64', 3: 'ia32', 40: 'armv7l' };
const PE_MACHINES: Record<number, Arch> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32', 0x1c4: 'armv7l' };
const MACHO_CPUS: Record<number, Arch> = { 0x01000007: 'x64', 0x0100000c: 'arm64', 7: 'ia32', 12: 'armv7l' };

export function nativeInfo(bytes: Buffer): NativeInfo {
  let format: NativeInfo['format'];
  let machine: number;
  let table: Record<number, Arch>;
  if (bytes.length > 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    format = 'elf';
    machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    table = ELF_MACHINES;
  } else if (bytes.length > 0x40 && bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error('MZ file without a PE header');
    format = 'pe';
    machine = bytes.readUInt16LE(pe + 4);
    table = PE_MACHINES;
  } else if (bytes.length > 8 && bytes.readUInt32LE(0) === 0xfeedfacf) {
    format = 'macho';
    machine = bytes.readUInt32LE(4);
    table = MACHO_CPUS;
  } else {
    throw new Error('not an ELF, PE or Mach-O file');
  }
  const text = bytes.toString('latin1');
  const v8 = /node_register_module_v(\d+)/.exec(text);
  const abi = v8 ? Number(v8[1]) : text.includes('napi_register_module_v1') ? 'napi' : null;
  return { format, arch: table[machine] ?? `unknown(${machine})`, abi };
}

export interface Expected {
  abi: number;
  arch: Arch;
  format: NativeInfo['format'];
}

/** Every .node under `dir` that does not fit; an empty list means all fit. */
export function nativeProblems(dir: string, expected: Expected): { files: string[]; problems: string[] } {
  const files = findAddons(dir);
  const problems: string[] = [];
  for (const file of files) {
    const name = relative(dir, file);
    let info: NativeInfo;
    try {
      info = nativeInfo(readFileSync(file));
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
      continue;
    }
    if (info.format !== expected.format) problems.push(`${name}: a ${info.format} file, the target needs ${expected.format}`);
    if (info.arch !== expected.arch) problems.push(`${name}: built for ${info.arch}, the target is ${expected.arch}`);
    if (info.abi === null) problems.push(`${name}: no Node init symbol, cannot tell its ABI`);
    else if (info.abi !== 'napi' && info.abi !== expected.abi) problems.push(`${name}: NODE_MODULE_VERSION ${info.abi}, the target needs ${expected.abi}`);
  }
  return { files, problems };
}

function findAddons(dir: string, depth = 0, out: string[] = []): string[] {
  if (depth > 12) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findAddons(path, depth + 1, out);
    // better-sqlite3 ships a test extension it never loads; obj/ holds intermediate objects.
    else if (entry.name.endsWith('.node') && entry.name !== 'test_extension.node' && statSync(path).size > 0) out.push(path);
  }
  return out;
}

/** NODE_MODULE_VERSION of the Electron in node_modules (its package ships abi_version). */
export function electronAbi(): number {
  const require = createRequire(import.meta.url);
  return Number(readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim());
}

export const FORMAT_OF: Record<string, NativeInfo['format']> = { linux: 'elf', win32: 'pe', darwin: 'macho' };

/** Fails the build loudly: every problem on its own line and what to do about it. */
export function assertNativeFits(dir: string, expected: Expected, what: string): string[] {
  const { files, problems } = nativeProblems(dir, expected);
  if (files.length === 0) throw new Error(`${what}: no native addon found under ${dir}; better-sqlite3 and sharp must be there`);
  if (problems.length > 0) {
    throw new Error(
      `${what}: native addons do not fit Electron (NODE_MODULE_VERSION ${expected.abi}, ${expected.format} ${expected.arch}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nRebuild them for this target (npm run dist does, with headers from ELECTRON_HEADERS_MIRROR) on a machine of ' +
        'that architecture or with a cross compiler (CC/CXX); see docs/IT.md, "Closed networks".',
    );
  }
  return files;
}

// npx tsx scripts/packaging/native-abi.ts <dir> [--abi N] [--arch x64|arm64] [--platform linux|win32]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!dir) {
    console.error('usage: native-abi.ts <dir> [--abi N] [--arch x64|arm64] [--platform linux|win32]');
    process.exit(2);
  }
  const expected: Expected = {
    abi: Number(opt('--abi') ?? electronAbi()),
    arch: (opt('--arch') ?? process.arch) as Arch,
    format: FORMAT_OF[opt('--platform') ?? process.platform] ?? 'elf',
  };
  try {
    const files = assertNativeFits(dir, expected, 'ABI check');
    console.log(`ABI check: ${files.length} addon(s) fit NODE_MODULE_VERSION ${expected.abi}, ${expected.format} ${expected.arch}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
