import type { Clock, Logger } from '../../core/ports.js';
import type { Caller, TerminalSession } from '../auth/session.js';
import type { LoadedCatalog } from '../catalog/store.js';
import type { Store } from '../db/open.js';
import type { Printer } from '../printing/printer.js';
import type { EventBus } from '../events.js';
import type { BlobStore } from '../blobs/store.js';
import type { ScannerRegistry } from '../scanning/registry.js';
import type { SyncClient, SyncClientOptions } from '../sync/index.js';

/** What a handler may use. One per running app; both doors share it. */
export interface HandlerContext {
  store: Store;
  clock: Clock;
  /** Ids and codes only, never what a person typed (docs/DESIGN.md, Logging). */
  log: Logger;
  events: EventBus;
  app: { name: string; version: string };
  session: TerminalSession;
  /** The catalog in memory once one is imported; null on a fresh terminal. */
  catalog: LoadedCatalog | null;
  printer: Printer;
  /** Scanned pages and material PDFs, content-addressed, in `<data>/blobs`. */
  blobs: BlobStore;
  scanners: ScannerRegistry;
  /** The link to the central service while this terminal is enrolled (started), else null. */
  sync: SyncClient | null;
  /** How the sync client is built besides the store (tests inject fetch, timers, intervals). */
  syncOptions?: SyncTuning;
}

/** The sync client's options the app does not fill in itself (main/app-context.ts startSync). */
export type SyncTuning = Omit<SyncClientOptions, 'db' | 'blobs' | 'clock' | 'log' | 'onCatalog' | 'onCasesChanged' | 'onStatus' | 'watchOutbox'>;

/** Per call: which door it came through, and on the host door which browser (its session cookie). */
export type CallMeta = Caller;
