import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_EVENT } from '../../core/api/names.js';
import { createAppContext } from '../app-context.js';
import { StoreError } from '../db/errors.js';
import type { HandlerContext } from '../handlers/context.js';
import { fileLogger, logLevelFrom, type LogLevel } from '../logging/logger.js';
import { CONTENT_SECURITY_POLICY, isPermissionAllowed } from '../security.js';
import { keychainSealer } from './credential-sealer.js';
import { registerIpc } from './ipc.js';
import { electronPrinter } from './print.js';
import { startUpdates } from './updates.js';

// The thin Electron shell: window, custom protocol, IPC wiring. Everything it calls also runs under the
// plain Node host, where it is tested; this file is the part that needs the Electron binary.

const here = dirname(fileURLToPath(import.meta.url)); // dist/
const rendererDir = join(here, 'renderer');
const APP_ORIGIN = 'app://onewindow';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function serveRenderer(request: Request): Promise<Response> | Response {
  const { pathname } = new URL(request.url);
  const file = resolve(rendererDir, `.${decodeURIComponent(pathname === '/' ? '/index.html' : pathname)}`);
  if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
  return net.fetch(pathToFileURL(file).toString());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Middle-click would open links in new windows; the open handler denies them anyway (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function lockDownContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Only the document camera, for the app's own page (main/security.ts); everything else is refused.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, APP_ORIGIN, 'mediaTypes' in details ? { mediaTypes: details.mediaTypes ?? [] } : {})),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, APP_ORIGIN, details.mediaType ? { mediaType: details.mediaType } : {}),
  );
}

/** `OW_LOG_LEVEL` if it names a level; a typo there must not stop the app. */
function logLevel(): LogLevel {
  try {
    return logLevelFrom(process.env.OW_LOG_LEVEL);
  } catch {
    return 'info';
  }
}

function start(): void {
  let ctx: HandlerContext;
  const sealer = keychainSealer();
  // The user-data folder's logs/: onewindow.log, rotated by size (main/logging/rotating-file.ts).
  const { log, file } = fileLogger(join(app.getPath('userData'), 'logs'), logLevel());
  log.info({ version: app.getVersion(), platform: process.platform }, 'app starting');
  try {
    ctx = createAppContext({
      dataDir: app.getPath('userData'),
      log,
      door: 'electron',
      nativeBinding: process.env.ONEWINDOW_SQLITE_BINDING,
      // CUPS where the OS has it (Linux, macOS); Windows prints through Chromium.
      ...(process.platform === 'win32' ? { printer: electronPrinter } : {}),
      // The sync credential rests sealed by the OS keychain where there is a real one.
      ...(sealer ? { sync: { sealer } } : {}),
    });
  } catch (err) {
    log.error({ err }, 'the app could not open its store');
    dialog.showErrorBox('OneWindow', err instanceof StoreError ? err.message : String(err));
    file.close();
    app.exit(3);
    return;
  }
  protocol.handle('app', serveRenderer);
  lockDownContents();
  registerIpc(ipcMain, ctx, (event) => event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) === true);
  ctx.events.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, event);
  });
  createWindow();
  // In-app updates only where IT deployed an update policy (main/update/policy.ts, docs/IT.md).
  const stopUpdates = startUpdates(ctx, log);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    stopUpdates?.();
    // stop() aborts in-flight sync at once and touches the store no more, so closing it right after is safe.
    void ctx.sync?.stop();
    ctx.store.close();
    log.info({}, 'app quitting');
    file.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two instances on one store would interleave case numbers; focus the first instead.
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
