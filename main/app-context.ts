import { join } from 'node:path';
import { BlobStore } from './blobs/store.js';
import { scheduleOrphanJob } from './scanning/orphans.js';
import { ScannerRegistry } from './scanning/registry.js';
import { systemClock, type Clock } from '../core/ports.js';
import { TerminalSession } from './auth/session.js';
import { loadCatalog, readCatalog } from './catalog/store.js';
import { openStore } from './db/open.js';
import { getSetting, setSetting, type SettingKey } from './db/settings.js';
import { EventBus } from './events.js';
import { createPrinter } from './printing/index.js';
import type { Printer } from './printing/printer.js';
import type { HandlerContext } from './handlers/context.js';
import { APP_NAME, APP_VERSION } from './version.js';

export const STORE_FILE_NAME = 'onewindow.sqlite';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
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
}

/** Opens the store and builds the context every handler runs in. Used by the host and by Electron. */
export function createAppContext(opts: AppOptions): HandlerContext {
  const store = openStore(join(opts.dataDir, STORE_FILE_NAME), opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  for (const [key, value] of Object.entries(opts.defaults ?? {}) as [SettingKey, string][]) {
    if (getSetting(store.db, key) === null) setSetting(store.db, key, value);
  }
  const stored = readCatalog(store.db);
  const blobs = new BlobStore(join(opts.dataDir, 'blobs'));
  scheduleOrphanJob(store.db, blobs, (line) => console.warn(line));
  const listSetting = (key: 'scan_escl_urls' | 'scan_watch_folders') => (): string[] => {
    const raw = getSetting(store.db, key);
    return raw ? (JSON.parse(raw) as string[]) : [];
  };
  return {
    store,
    clock: opts.clock ?? systemClock,
    events: new EventBus(),
    app: { name: APP_NAME, version: APP_VERSION },
    session: new TerminalSession(),
    catalog: stored ? loadCatalog(stored) : null,
    printer: opts.printer ?? createPrinter(),
    blobs,
    scanners: opts.scanners ?? new ScannerRegistry({ esclUrls: listSetting('scan_escl_urls'), folders: listSetting('scan_watch_folders') }),
  };
}
