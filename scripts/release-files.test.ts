import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/temp.js';
import { makeBundle, verifyBundle } from './offline-bundle.js';
import { signLinux } from './sign-linux.js';

const sha512 = (b: Buffer | string): string => createHash('sha512').update(b).digest('base64');

function fakeRelease(): string {
  const dir = tempDir();
  const deb = Buffer.from('pretend deb 1.2.0');
  const exe = Buffer.from('MZ pretend setup 1.2.0');
  writeFileSync(join(dir, 'onewindow_1.2.0_amd64.deb'), deb);
  writeFileSync(join(dir, 'OneWindow-Setup-1.2.0.exe'), exe);
  writeFileSync(join(dir, 'OneWindow-Setup-1.2.0.exe.blockmap'), 'blockmap');
  writeFileSync(join(dir, 'latest-linux.yml'), `version: 1.2.0\nfiles:\n  - url: onewindow_1.2.0_amd64.deb\n    sha512: ${sha512(deb)}\n    size: ${deb.length}\n`);
  writeFileSync(join(dir, 'latest.yml'), `version: 1.2.0\nfiles:\n  - url: OneWindow-Setup-1.2.0.exe\n    sha512: ${sha512(exe)}\n    size: ${exe.length}\n`);
  return dir;
}

describe('the offline (USB) update bundle', () => {
  it('copies the manifests and the installers they name, and verifies them', async () => {
    const out = join(tempDir(), 'usb');
    const copied = await makeBundle(fakeRelease(), out);
    expect(copied.sort()).toEqual(['OneWindow-Setup-1.2.0.exe', 'OneWindow-Setup-1.2.0.exe.blockmap', 'latest-linux.yml', 'latest.yml', 'onewindow_1.2.0_amd64.deb']);
    const { checked, problems } = await verifyBundle(out);
    expect(problems).toEqual([]);
    expect(checked.sort()).toEqual(['OneWindow-Setup-1.2.0.exe', 'onewindow_1.2.0_amd64.deb']);
  });

  it('refuses a bundle whose installer was changed or is missing', async () => {
    const dir = fakeRelease();
    writeFileSync(join(dir, 'OneWindow-Setup-1.2.0.exe'), 'MZ something else');
    expect((await verifyBundle(dir)).problems).toEqual([{ file: 'OneWindow-Setup-1.2.0.exe', problem: 'does not match its sha512 in latest.yml' }]);
    await expect(makeBundle(dir, join(tempDir(), 'usb'))).rejects.toThrow(/does not verify/);
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'offline-bundle.ts'), 'verify', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('do not install from it');
  });
});

describe('GPG signatures for the Linux packages', () => {
  it('signs each package and the checksum list with the key named, and a changed file no longer verifies', (ctx) => {
    if (spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log('skipped: gpg is not installed (apt-get install gnupg)');
      return ctx.skip();
    }
    const home = tempDir('onewindow-gnupg-');
    chmodSync(home, 0o700);
    const env = { ...process.env, GNUPGHOME: home };
    // gpg starts an agent for this home; it is stopped at the end, not left running.
    ctx.onTestFinished(() => void spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore', timeout: 10_000 }));
    const made = spawnSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'OneWindow Test Signing <it@onewindow.invalid>', 'ed25519', 'sign', '1d'], { env, stdio: 'ignore', timeout: 60_000 });
    expect(made.status).toBe(0);
    const dir = fakeRelease();
    writeFileSync(join(dir, 'OneWindow-1.2.0-arm64.AppImage'), 'pretend AppImage');
    expect(signLinux(dir, 'it@onewindow.invalid', env)).toEqual(['OneWindow-1.2.0-arm64.AppImage', 'latest-linux.yml', 'onewindow_1.2.0_amd64.deb']);
    const verify = (...args: string[]) => spawnSync('gpg', ['--batch', '--verify', ...args], { env, cwd: dir, stdio: 'ignore', timeout: 60_000 }).status;
    expect(verify('SHA256SUMS.asc')).toBe(0);
    expect(verify('onewindow_1.2.0_amd64.deb.asc', 'onewindow_1.2.0_amd64.deb')).toBe(0);
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, stdio: 'ignore' }).status).toBe(0);
    writeFileSync(join(dir, 'onewindow_1.2.0_amd64.deb'), 'tampered');
    expect(verify('onewindow_1.2.0_amd64.deb.asc', 'onewindow_1.2.0_amd64.deb')).not.toBe(0);
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, stdio: 'ignore' }).status).not.toBe(0);
  });
});
