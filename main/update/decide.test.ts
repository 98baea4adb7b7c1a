import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { decideUpdate, inRollout, rolloutPosition } from './decide.js';
import { installerFor, manifestName, parseManifest, type UpdateManifest } from './manifest.js';
import { installMoment } from './schedule.js';
import { stagingId, STAGING_ID_FILE } from './staging-id.js';

const SHA = `${'A'.repeat(86)}==`;
const manifest = (over: Partial<UpdateManifest> = {}): UpdateManifest => ({
  version: '1.2.0',
  files: [
    { url: 'OneWindow-Setup-1.2.0.exe', sha512: SHA, size: 10 },
    { url: 'onewindow_1.2.0_amd64.deb', sha512: SHA, size: 10 },
  ],
  ...over,
});
// Bytes 12–15 of the UUID, read as electron-updater does: 0x80000000 / 0xffffffff is just over 0.5.
const HALF = '6f1c2a9e-0000-4000-8000-000080000000';
const LOW = '6f1c2a9e-0000-4000-8000-000000000001';

describe('the update decision', () => {
  it('takes a newer release, with the installer for this kind of package', () => {
    const d = decideUpdate({ current: '1.1.9', manifest: manifest(), stagingId: LOW, kind: 'deb' });
    expect(d).toEqual({ take: true, version: '1.2.0', file: expect.objectContaining({ url: 'onewindow_1.2.0_amd64.deb' }) });
  });

  it('does not take the same or an older release, nor a pre-release on a stable installation', () => {
    expect(decideUpdate({ current: '1.2.0', manifest: manifest(), stagingId: LOW, kind: 'nsis' })).toEqual({ take: false, why: 'not_newer' });
    expect(decideUpdate({ current: '1.10.0', manifest: manifest(), stagingId: LOW, kind: 'nsis' })).toEqual({ take: false, why: 'not_newer' });
    expect(decideUpdate({ current: '1.1.0', manifest: manifest({ version: '1.2.0-rc.1' }), stagingId: LOW, kind: 'nsis' })).toEqual({ take: false, why: 'prerelease' });
  });

  it('places an installation in a staged rollout by its id, as electron-updater does', () => {
    expect(rolloutPosition(HALF)).toBeCloseTo(0.5, 9);
    expect(inRollout(HALF, 50)).toBe(false);
    expect(inRollout(HALF, 51)).toBe(true);
    expect(inRollout(LOW, 0)).toBe(false);
    expect(inRollout(LOW, 1)).toBe(true);
    expect(inRollout(HALF, undefined)).toBe(true);
    expect(decideUpdate({ current: '1.0.0', manifest: manifest({ stagingPercentage: 50 }), stagingId: HALF, kind: 'nsis' })).toEqual({ take: false, why: 'staged_out' });
  });

  it('agrees with electron-updater’s own isUserWithinRollout on many ids', async (ctx) => {
    let updater: { NsisUpdater: new (o: null, app: object) => { isUserWithinRollout(i: { stagingPercentage: number }): Promise<boolean> | boolean } };
    try {
      updater = createRequire(import.meta.url)('electron-updater') as typeof updater;
    } catch {
      console.log('skipped: electron-updater is not installed in node_modules (npm install brings it; package.json lists it)');
      ctx.skip();
      return;
    }
    for (let i = 0; i < 40; i += 1) {
      const dir = tempDir();
      const id = stagingId(dir);
      const app = { version: '1.0.0', name: 'OneWindow', isPackaged: true, userDataPath: dir, baseCachePath: dir, appUpdateConfigPath: join(dir, 'app-update.yml'), whenReady: () => Promise.resolve(), relaunch: () => undefined, quit: () => undefined, onQuit: () => undefined };
      const u = new updater.NsisUpdater(null, app);
      (u as unknown as { logger: null }).logger = null;
      const pct = (i * 7) % 101;
      expect(await u.isUserWithinRollout({ stagingPercentage: pct })).toBe(inRollout(id, pct));
    }
  });

  it('keeps one staging id per installation in the file electron-updater reads, and replaces a damaged one', () => {
    const dir = tempDir();
    const first = stagingId(dir);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(stagingId(dir)).toBe(first);
    writeFileSync(join(dir, STAGING_ID_FILE), 'garbage');
    expect(stagingId(dir)).not.toBe('garbage');
  });
});

describe('latest.yml', () => {
  const yml = (extra: string): string =>
    `version: 1.2.0\nfiles:\n  - url: OneWindow-Setup-1.2.0.exe\n    sha512: ${SHA}\n    size: 1234\npath: OneWindow-Setup-1.2.0.exe\nsha512: ${SHA}\nreleaseDate: '2026-03-01T08:00:00.000Z'\n${extra}`;

  it('parses what electron-builder writes', () => {
    const r = parseManifest(yml('stagingPercentage: 10\n'));
    expect(r).toEqual({ ok: true, manifest: expect.objectContaining({ version: '1.2.0', stagingPercentage: 10 }) });
    if (r.ok) expect(installerFor(r.manifest, 'nsis')?.size).toBe(1234);
  });

  it('refuses a staging percentage that is not a whole number 0–100, a bad hash, a bad version, and non-YAML', () => {
    expect(parseManifest(yml('stagingPercentage: 12.5\n'))).toMatchObject({ ok: false, problem: expect.stringContaining('stagingPercentage') });
    expect(parseManifest(yml('stagingPercentage: "ten"\n'))).toMatchObject({ ok: false });
    expect(parseManifest(yml('stagingPercentage: 101\n'))).toMatchObject({ ok: false });
    expect(parseManifest(yml('').replace(`sha512: ${SHA}\n    size`, 'sha512: abc\n    size'))).toMatchObject({ ok: false, problem: expect.stringContaining('files.0.sha512') });
    expect(parseManifest(yml('').replace('version: 1.2.0', 'version: v1.2'))).toMatchObject({ ok: false, problem: expect.stringContaining('version') });
    expect(parseManifest('version: [1, 2')).toEqual({ ok: false, problem: 'not YAML' });
  });

  it('is named per platform and architecture as electron-updater looks for it', () => {
    expect(manifestName('win32', 'x64')).toBe('latest.yml');
    expect(manifestName('linux', 'x64')).toBe('latest-linux.yml');
    expect(manifestName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });
});

describe('when an update installs', () => {
  const at = (h: number, m = 0): Date => new Date(2026, 2, 2, h, m);
  it('at quit always; at the IT hour only while nobody is signed in and no scan batch is open', () => {
    expect(installMoment({ now: at(10), installHour: null, busy: false, quitting: true })).toBe('now');
    expect(installMoment({ now: at(10), installHour: null, busy: false, quitting: false })).toBe('at_quit');
    expect(installMoment({ now: at(20, 15), installHour: 20, busy: false, quitting: false })).toBe('now');
    expect(installMoment({ now: at(20, 15), installHour: 20, busy: true, quitting: false })).toBe('at_quit');
    expect(installMoment({ now: at(21), installHour: 20, busy: false, quitting: false })).toBe('at_quit');
  });
});
