import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { configOverrides, planFrom } from '../dist.js';
import { ICO_SIZES, LINUX_SIZES } from '../icons.js';
import { linuxToolProblems } from './linux-tools.js';
import { signCommand, signFile, splitArgs } from './sign-windows.js';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');
type Config = Record<string, unknown> & { linux: { target: { target: string; arch: string[] }[] }; nsis: Record<string, unknown>; asarUnpack: string[] };
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
// electron-builder's own schema, the file it validates every configuration against.
const schema = JSON.parse(readFileSync(join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s JSON schema, and the validator does refuse a wrong key', () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).toBe(false);
    expect(validate({ ...config, rpm: { recommends: ['x'] } })).toBe(false);
  });

  it('stays valid with every override scripts/dist.ts applies from the environment', () => {
    const o = configOverrides({ OW_SIGN_COMMAND: 'signtool sign {file}', OW_TIMESTAMP_URL: 'http://tsa.hall.test/', OW_WIN_PUBLISHER: 'CN=Old Hall | CN=New Hall', ELECTRON_DIST: '/opt/electron-zips', OW_REQUIRE_SIGNING: '1' });
    expect(o).toMatchObject({ electronDist: '/opt/electron-zips', forceCodeSigning: true, win: { signtoolOptions: { sign: './scripts/packaging/sign-windows.ts', publisherName: ['CN=Old Hall', 'CN=New Hall'], rfc3161TimeStampServer: 'http://tsa.hall.test/' } } });
    const merged = { ...config, ...o, win: { ...(config.win as object), ...(o.win as object) } };
    expect(validate(merged), JSON.stringify(validate.errors)).toBe(true);
  });

  it('makes what IT installs: NSIS per machine, deb, rpm and AppImage for x64 and arm64', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, deleteAppDataOnUninstall: false });
    for (const t of ['deb', 'rpm', 'AppImage']) expect(config.linux.target.find((x) => x.target === t)?.arch).toEqual(['x64', 'arm64']);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', '**/node_modules/@img/**']));
    expect(config).toMatchObject({ appId: 'cn.gov.onewindow.counter', productName: 'OneWindow', npmRebuild: false, afterPack: './scripts/packaging/after-pack.ts' });
    expect(planFrom(['--linux', 'deb', '--arm64'])).toEqual({ platform: 'linux', targets: ['deb'], archs: ['arm64'] });
    expect(planFrom(['--win'])).toEqual({ platform: 'win32', targets: ['nsis'], archs: ['x64'] });
  });

  it('points at icons that exist: every Linux size and a Windows ICO of BMPs with a PNG at 256 px', () => {
    const pngs = readdirSync(join(root, 'resources/build/icons')).sort();
    expect(pngs).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const s of LINUX_SIZES) {
      const png = readFileSync(join(root, `resources/build/icons/${s}x${s}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([s, s]);
    }
    const ico = readFileSync(join(root, 'resources/build/icon.ico'));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, ICO_SIZES.length]);
    ICO_SIZES.forEach((size, i) => {
      const e = 6 + 16 * i;
      const at = ico.readUInt32LE(e + 12);
      expect(ico[e] === 0 ? 256 : ico[e]).toBe(size);
      if (size === 256) expect(ico.toString('latin1', at + 1, at + 4)).toBe('PNG');
      else expect([ico.readUInt32LE(at), ico.readInt32LE(at + 4), ico.readInt32LE(at + 8), ico.readUInt16LE(at + 14)]).toEqual([40, size, size * 2, 32]);
    });
  });
});

describe('Linux packaging tools (the fpm workaround)', () => {
  function stubTool(dir: string, name: string, ok: boolean): void {
    writeFileSync(join(dir, name), `#!/bin/sh\n${ok ? 'echo 1.17.0' : 'exit 1'}\n`);
    chmodSync(join(dir, name), 0o755);
  }

  it('uses the fpm on PATH with USE_SYSTEM_FPM=true, as electron-builder itself does', async () => {
    const { getFpmPath } = require('app-builder-lib/out/toolsets/linux.js') as { getFpmPath(): Promise<string> };
    const saved = process.env.USE_SYSTEM_FPM;
    process.env.USE_SYSTEM_FPM = 'true';
    try {
      expect(await getFpmPath()).toBe('fpm');
    } finally {
      if (saved === undefined) delete process.env.USE_SYSTEM_FPM;
      else process.env.USE_SYSTEM_FPM = saved;
    }
  });

  it('checks before building that the system fpm runs and that rpm has rpmbuild', () => {
    const bin = tempDir();
    stubTool(bin, 'fpm', true);
    const run = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { env: { PATH: bin }, stdio: 'ignore' }).status === 0;
    expect(linuxToolProblems(['deb', 'AppImage'], { USE_SYSTEM_FPM: 'true' }, run)).toEqual([]);
    expect(linuxToolProblems(['rpm'], { USE_SYSTEM_FPM: 'true' }, run)).toEqual(['rpm packages need rpmbuild (apt-get install rpm)']);
    stubTool(bin, 'rpmbuild', true);
    expect(linuxToolProblems(['rpm'], { USE_SYSTEM_FPM: 'true' }, run)).toEqual([]);
    stubTool(bin, 'fpm', false);
    expect(linuxToolProblems(['deb'], { USE_SYSTEM_FPM: 'true' }, run)[0]).toMatch(/^fpm does not run: USE_SYSTEM_FPM=true needs a working fpm/);
    expect(linuxToolProblems(['deb'], { CUSTOM_FPM_PATH: join(bin, 'missing-fpm') }, run)[0]).toMatch(/CUSTOM_FPM_PATH needs a working fpm/);
  });
});

describe('Windows signing with a key on an HSM or USB token', () => {
  it('fills the command template and splits it like a shell, without one', () => {
    expect(splitArgs(`signtool sign /sha1 AB12 /tr "http://tsa.hall.test/ts" {file}`)).toEqual(['signtool', 'sign', '/sha1', 'AB12', '/tr', 'http://tsa.hall.test/ts', '{file}']);
    expect(signCommand('osslsigncode sign -key "pkcs11:object=ow key" -in {file} -out {out}', 'C:/b/OneWindow.exe')).toEqual({
      argv: ['osslsigncode', 'sign', '-key', 'pkcs11:object=ow key', '-in', 'C:/b/OneWindow.exe', '-out', 'C:/b/OneWindow.exe.signed'],
      out: 'C:/b/OneWindow.exe.signed',
    });
    expect(() => signCommand('signtool sign', 'x.exe')).toThrow(/\{file\}/);
  });

  it('runs the command, puts a separately written output in place, and fails when the tool fails', () => {
    const dir = tempDir();
    const file = join(dir, 'OneWindow.exe');
    writeFileSync(file, 'unsigned');
    const tool = join(dir, 'fake-sign.mjs');
    writeFileSync(tool, `import { readFileSync, writeFileSync } from 'node:fs';\nconst [, , input, output] = process.argv;\nif (!output) process.exit(3);\nwriteFileSync(output, readFileSync(input, 'utf8') + '+signed');\n`);
    signFile(`"${process.execPath}" "${tool}" {file} {out}`, file);
    expect(readFileSync(file, 'utf8')).toBe('unsigned+signed');
    expect(() => signFile(`"${process.execPath}" "${tool}" {file}`, file)).toThrow(/exited 3/);
  });
});
