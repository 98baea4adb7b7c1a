import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { electronAbi, nativeInfo, nativeProblems } from './native-abi.js';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');
const sqliteRelease = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release');
const sqliteNode = join(sqliteRelease, 'better_sqlite3.node');

/** A stand-in addon: an ELF or PE header with a machine number and an init symbol in its bytes. */
function fakeAddon(kind: 'elf' | 'pe', machine: number, symbol: string): Buffer {
  const b = Buffer.alloc(0x200);
  if (kind === 'elf') {
    b.writeUInt32BE(0x7f454c46, 0);
    b[5] = 1; // little-endian
    b.writeUInt16LE(machine, 18);
  } else {
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    b.writeUInt16LE(machine, 0x84);
  }
  b.write(symbol, 0x100, 'latin1');
  return b;
}

describe('the native ABI check before packaging', () => {
  it('reads the Node build of better-sqlite3 as this Node’s ABI and architecture', () => {
    expect(nativeInfo(readFileSync(sqliteNode))).toEqual({ format: 'elf', arch: process.arch, abi: Number(process.versions.modules) });
  });

  it('fails loudly when the Node build of better-sqlite3 is checked against Electron’s ABI', () => {
    const wrong = electronAbi();
    expect(wrong).not.toBe(Number(process.versions.modules));
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/packaging/native-abi.ts'), sqliteRelease, '--abi', String(wrong)], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`better_sqlite3.node: NODE_MODULE_VERSION ${process.versions.modules}, the target needs ${wrong}`);
  });

  it('passes the same file against its own ABI', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/packaging/native-abi.ts'), sqliteRelease, '--abi', process.versions.modules], { encoding: 'utf8', timeout: 60_000 });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('takes a Node-API addon at any ABI, and refuses another architecture or another platform’s format', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sharp'));
    writeFileSync(join(dir, 'sharp', 'sharp-linux-arm64.node'), fakeAddon('elf', 183, 'napi_register_module_v1'));
    writeFileSync(join(dir, 'better_sqlite3.node'), fakeAddon('elf', 62, 'node_register_module_v150'));
    writeFileSync(join(dir, 'win.node'), fakeAddon('pe', 0xaa64, 'node_register_module_v150'));
    const { problems } = nativeProblems(dir, { abi: 150, arch: 'arm64', format: 'elf' });
    expect(problems.sort()).toEqual(['better_sqlite3.node: built for x64, the target is arm64', 'win.node: a pe file, the target needs elf']);
    expect(nativeInfo(fakeAddon('pe', 0x8664, 'node_register_module_v150'))).toEqual({ format: 'pe', arch: 'x64', abi: 150 });
  });
});
