import { app, session, type Certificate } from 'electron';
import electronUpdater, { type UpdateDownloadedEvent } from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/ports.js';
import type { HandlerContext } from '../handlers/context.js';
import {
  chainTrusted,
  checkForUpdate,
  counterBusy,
  defaultPolicyPath,
  fileMatches,
  inRollout,
  installMoment,
  publisherNames,
  readUpdatePolicy,
  stagingId,
  type PackageKind,
} from '../update/index.js';

// The thin Electron part of updates: everything it decides is main/update (tested without Electron);
// this file wires those decisions to electron-updater, which downloads and runs the installer.

/** electron-updater's own session (electronHttpExecutor NET_SESSION_NAME); its downloads go through it. */
const UPDATER_PARTITION = 'electron-updater';
const FIRST_CHECK_MS = 2 * 60_000;
const INSTALL_POLL_MS = 60_000;

function packageKind(): PackageKind | null {
  if (process.platform === 'win32') return 'nsis';
  if (process.platform !== 'linux') return null;
  if (process.env.APPIMAGE) return 'AppImage';
  const typeFile = join(process.resourcesPath, 'package-type');
  const type = existsSync(typeFile) ? readFileSync(typeFile, 'utf8').trim() : '';
  return type === 'deb' || type === 'rpm' ? type : null;
}

function chainOf(cert: Certificate): string[] {
  const out: string[] = [];
  for (let c: Certificate | undefined = cert; c && out.length < 8; c = c.issuerCert === c ? undefined : c.issuerCert) out.push(c.data);
  return out;
}

/** Starts checking when IT deployed a policy; returns a stop function, or null when updates are off. */
export function startUpdates(ctx: HandlerContext, log: Logger): (() => void) | null {
  if (!app.isPackaged) return null;
  const found = readUpdatePolicy(defaultPolicyPath());
  if (found.state === 'absent') {
    log.info({}, 'updates: no policy file, in-app updates off');
    return null;
  }
  if (found.state === 'invalid') {
    log.warn({ problem: found.problem }, 'updates: policy refused, in-app updates off');
    return null;
  }
  const { policy, ca } = found;
  const kind = packageKind();
  // deb and rpm install through pkexec/sudo, which would ask the clerk for a root password: those
  // machines take updates from IT's signed apt/yum repository instead (docs/IT.md).
  if (kind !== 'nsis' && kind !== 'AppImage') {
    log.info({ kind }, 'updates: this package is updated by the system package manager');
    return null;
  }
  if (kind === 'nsis' && publisherNames(join(process.resourcesPath, 'app-update.yml')).length === 0) {
    log.warn({}, 'updates: unsigned build (no publisherName), in-app updates off');
    return null;
  }

  const host = new URL(policy.url).hostname;
  session.fromPartition(UPDATER_PARTITION, { cache: false }).setCertificateVerifyProc((req, callback) => {
    // -3: Chromium's own verdict; 0 / -2: trusted / refused by IT's CA alone.
    if (req.hostname !== host) return callback(-3);
    callback(chainTrusted({ hostname: req.hostname, chain: chainOf(req.certificate), caPem: ca, now: new Date() }) ? 0 : -2);
  });

  const id = stagingId(app.getPath('userData'));
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (m?: unknown) => log.debug({ updater: String(m) }, 'electron-updater'),
    warn: (m?: unknown) => log.warn({ updater: String(m) }, 'electron-updater'),
    error: (m?: unknown) => log.warn({ updater: String(m) }, 'electron-updater'),
  };
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false; // set only once our own sha512 check passed
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.disableWebInstaller = true;
  autoUpdater.isUserWithinRollout = (info) => inRollout(id, info.stagingPercentage);
  autoUpdater.setFeedURL({ provider: 'generic', url: policy.url });

  let ready: { version: string } | null = null;
  let busyChecking = false;

  async function check(): Promise<void> {
    if (ready || busyChecking) return;
    busyChecking = true;
    try {
      const r = await checkForUpdate({ url: policy.url, ca, current: app.getVersion(), stagingId: id, kind: kind as PackageKind, platform: process.platform, arch: process.arch });
      if (!r.take) {
        log.info({ why: r.why, ...('problem' in r ? { problem: r.problem } : {}) }, 'updates: nothing to install');
        return;
      }
      const found = await autoUpdater.checkForUpdates();
      if (!found?.isUpdateAvailable || found.updateInfo.version !== r.version) return;
      const downloaded = await new Promise<UpdateDownloadedEvent>((resolve, reject) => {
        autoUpdater.once('update-downloaded', resolve);
        autoUpdater.downloadUpdate().catch(reject);
      });
      // electron-updater checked the hash while downloading (and, on Windows, the publisher when it
      // installs); this is our own gate on the exact file it will run.
      if (downloaded.version !== r.version || !(await fileMatches(downloaded.downloadedFile, r.file.sha512))) {
        log.error({ version: downloaded.version }, 'updates: downloaded file does not match the manifest; not installing');
        return;
      }
      ready = { version: r.version };
      autoUpdater.autoInstallOnAppQuit = true;
      log.info({ version: r.version }, 'updates: verified, installs at quit or at the IT hour');
    } catch (err) {
      log.warn({ err }, 'updates: check failed');
    } finally {
      busyChecking = false;
    }
  }

  const timers = [
    setTimeout(() => void check(), FIRST_CHECK_MS),
    setInterval(() => void check(), policy.checkEveryMinutes * 60_000),
    setInterval(() => {
      if (ready && installMoment({ now: new Date(), installHour: policy.installHour, busy: counterBusy(ctx), quitting: false }) === 'now') {
        log.info({ version: ready.version }, 'updates: installing at the IT hour');
        autoUpdater.quitAndInstall(true, true);
      }
    }, INSTALL_POLL_MS),
  ];
  return () => timers.forEach((t) => clearTimeout(t));
}
