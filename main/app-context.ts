import { join } from 'node:path';
import { BlobStore } from './blobs/store.js';
import { scheduleOrphanJob } from './scanning/orphans.js';
import { rebuildMaterialPdf } from './scanning/rebuild.js';
import { ScannerRegistry } from './scanning/registry.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import { TerminalSession } from './auth/session.js';
import { loadCatalog, readCatalog } from './catalog/store.js';
import { openStore } from './db/open.js';
import { getListSetting, getSetting, setSetting, type SettingKey } from './db/settings.js';
import { EventBus } from './events.js';
import { stderrLogger } from './logging/logger.js';
import { privateDir, privateStoreFile } from './private-files.js';
import { createPrinter } from './printing/index.js';
import type { Printer } from './printing/printer.js';
import type { HandlerContext, SyncTuning } from './handlers/context.js';
import { readEnrollment, saveError, SyncClient, SyncFailure, type BlobSource } from './sync/index.js';
import { APP_NAME, APP_VERSION } from './version.js';

export const STORE_FILE_NAME = 'onewindow.sqlite';

export interface AppOptions {
  dataDir: string;
  /** Which door runs the app, named to a second process refused by the data folder's lock; 'host' unless given. */
  door?: 'electron' | 'host';
  clock?: Clock;
  /** The app's logger (main/logging); warnings and errors on stderr unless given. */
  log?: Logger;
  nativeBinding?: string;
  /**
   * Settings to use where the store has none yet (a demo or test terminal before enrollment).
   * Never overrides a value already stored.
   */
  defaults?: Partial<Record<SettingKey, string>>;
  /** The printing system; CUPS (or the platform's) unless given. */
  printer?: Printer;
  /** The scanners; SANE plus the eSCL URLs in settings unless given. */
  scanners?: ScannerRegistry;
  /** Sync client tuning (fetch, timers, intervals); the defaults unless given. */
  sync?: SyncTuning;
}

/** Opens the store and builds the context every handler runs in. Used by the host and by Electron. */
export function createAppContext(opts: AppOptions): HandlerContext {
  const storeFile = join(opts.dataDir, STORE_FILE_NAME);
  privateDir(opts.dataDir);
  privateStoreFile(storeFile);
  const store = openStore(storeFile, { lock: { door: opts.door ?? 'host' }, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  for (const [key, value] of Object.entries(opts.defaults ?? {}) as [SettingKey, string][]) {
    if (getSetting(store.db, key) === null) setSetting(store.db, key, value);
  }
  const stored = readCatalog(store.db);
  const blobs = new BlobStore(join(opts.dataDir, 'blobs'));
  const log = opts.log ?? stderrLogger();
  const stopOrphans = scheduleOrphanJob(store.db, blobs, log.child({ job: 'orphans' }));
  const listSetting = (key: 'scan_escl_urls' | 'scan_watch_folders') => (): string[] => getListSetting(store.db, key);
  const ctx: HandlerContext = {
    // Closing the store stops the orphan job too: left running, it swept a closed store's folder.
    store: { ...store, close: () => { stopOrphans(); store.close(); } },
    clock: opts.clock ?? systemClock,
    log,
    events: new EventBus(),
    app: { name: APP_NAME, version: APP_VERSION },
    session: new TerminalSession(),
    catalog: stored ? loadCatalog(stored) : null,
    printer: opts.printer ?? createPrinter(),
    blobs,
    scanners: opts.scanners ?? new ScannerRegistry({ esclUrls: listSetting('scan_escl_urls'), folders: listSetting('scan_watch_folders') }),
    sync: null,
    ...(opts.sync ? { syncOptions: opts.sync } : {}),
  };
  ctx.sync = startSync(ctx);
  return ctx;
}

/**
 * Builds and starts the sync client when the store is enrolled (null otherwise), wired to `ctx`:
 * a pulled catalog replaces `ctx.catalog`, centre statuses and sync state become events for the
 * renderer, and every `cases.changed` (a case or notice command was queued) asks for a push.
 * The caller stops the previous client first (re-enrollment).
 */
export function startSync(ctx: HandlerContext): SyncClient | null {
  const { db } = ctx.store;
  if (!readEnrollment(db)) return null;
  const minutes = Number(getSetting(db, 'sync_pull_minutes'));
  let client: SyncClient;
  try {
    client = newSyncClient(ctx, minutes);
  } catch (err) {
    // A credential this door cannot open (sealed by the desktop app's keychain): the app runs
    // offline, and sync.status says why, for a person to act on.
    if (!(err instanceof SyncFailure)) throw err;
    saveError(db, err, ctx.clock.nowIso());
    return null;
  }
  client.start();
  return client;
}

/** What sync reads blobs from: the app's store, where a material PDF gone bad is made again from its page images before anyone is asked. */
export function blobSourceOf(ctx: HandlerContext): BlobSource {
  return { has: (h) => ctx.blobs.has(h), get: (h) => ctx.blobs.get(h), repair: (h) => rebuildMaterialPdf(ctx.store.db, ctx.blobs, ctx.clock, h) };
}

function newSyncClient(ctx: HandlerContext, minutes: number): SyncClient {
  const { db } = ctx.store;
  return new SyncClient({
    ...(Number.isFinite(minutes) && minutes > 0 ? { pullEveryMs: minutes * 60_000 } : {}),
    ...ctx.syncOptions,
    db,
    blobs: blobSourceOf(ctx),
    clock: ctx.clock,
    log: ctx.log,
    onCatalog: (catalog) => {
      ctx.catalog = loadCatalog(catalog);
      ctx.events.emit('settings.changed', { key: 'catalog' });
    },
    onCasesChanged: (caseNos) => {
      for (const caseNo of caseNos) ctx.events.emit('cases.changed', { caseNo });
    },
    onStatus: (status) => ctx.events.emit('sync.changed', status),
    watchOutbox: (onQueued) =>
      ctx.events.subscribe((event) => {
        if (event.name === 'cases.changed') onQueued();
      }),
  });
}
