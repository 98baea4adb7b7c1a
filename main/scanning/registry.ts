import type { ScanDevice, Scanner } from '../../core/scanning/scanner.js';
import { DomainError } from '../../core/result.js';
import { isScanError } from '../../core/scanning/errors.js';
import { EsclScanner } from './escl.js';
import { FolderScanner } from './folder-scanner.js';
import { SaneScanner } from './sane.js';

export type DeviceDriver = 'sane' | 'escl' | 'folder';

export interface DriverProblem {
  driver: DeviceDriver;
  reason: string;
  message: string;
}

export interface ScannerRegistryOptions {
  sane?: Scanner;
  /** The eSCL base URLs to offer, read when devices are listed (they live in settings). */
  esclUrls?: () => string[];
  /** Watched folders to offer (settings `scan_watch_folders`); a scan picks up the files saved there. */
  folders?: () => string[];
  folderIdleMs?: number;
  /** How long a device list is reused without `refresh`; default 5 minutes (a SANE list takes seconds). */
  listTtlMs?: number;
  now?: () => number;
}

/**
 * The drivers a terminal has, and the scans running now. Devices are listed once and reused, since
 * `scanimage -L` asks every SANE backend on the network (3–4 s with no scanner attached); the panel
 * asks for a fresh list only when the clerk does. One scan per batch at a time: a second is refused,
 * and `cancel` aborts the one running.
 */
export class ScannerRegistry {
  private readonly sane: Scanner;
  private readonly esclUrls: () => string[];
  private readonly folder: FolderScanner;
  private readonly listTtlMs: number;
  private readonly now: () => number;
  private cached: { at: number; devices: ScanDevice[]; problems: DriverProblem[] } | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly importing = new Map<string, number>();

  constructor(opts: ScannerRegistryOptions = {}) {
    this.sane = opts.sane ?? new SaneScanner();
    this.esclUrls = opts.esclUrls ?? (() => []);
    const folders = opts.folders ?? (() => []);
    this.folder = new FolderScanner({ folders, ...(opts.folderIdleMs !== undefined ? { idleMs: opts.folderIdleMs } : {}) });
    this.listTtlMs = opts.listTtlMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  driver(kind: DeviceDriver): Scanner {
    if (kind === 'sane') return this.sane;
    if (kind === 'folder') return this.folder;
    return new EsclScanner({ devices: this.esclUrls() });
  }

  async devices(refresh: boolean): Promise<{ devices: ScanDevice[]; problems: DriverProblem[] }> {
    if (!refresh && this.cached && this.now() - this.cached.at < this.listTtlMs) return this.cached;
    const problems: DriverProblem[] = [];
    const lists = await Promise.all(
      (['sane', 'escl', 'folder'] as const).map(async (kind) => {
        if (kind === 'escl' && this.esclUrls().length === 0) return [];
        try {
          return await this.driver(kind).listDevices();
        } catch (err) {
          problems.push({ driver: kind, reason: isScanError(err) ? err.reason : 'scan_failed', message: (err as Error).message });
          return [];
        }
      }),
    );
    this.cached = { at: this.now(), devices: lists.flat(), problems };
    return this.cached;
  }

  isScanning(intakeId: string): boolean {
    return this.running.has(intakeId);
  }

  /** A scan or a file import is adding pages to the batch now (an intake must not be submitted meanwhile). */
  isBusy(intakeId: string): boolean {
    return this.running.has(intakeId) || (this.importing.get(intakeId) ?? 0) > 0;
  }

  /** Marks an import into the batch as running; call the returned function when it ends. */
  beginImport(intakeId: string): () => void {
    this.importing.set(intakeId, (this.importing.get(intakeId) ?? 0) + 1);
    return () => {
      const n = (this.importing.get(intakeId) ?? 1) - 1;
      if (n <= 0) this.importing.delete(intakeId);
      else this.importing.set(intakeId, n);
    };
  }

  /** Marks a scan of the batch as running; the caller must call the returned `end` when it stops. */
  begin(intakeId: string): { signal: AbortSignal; end: () => void } {
    if (this.running.has(intakeId)) throw new DomainError('conflict', 'this batch is being scanned already', 'intakeId', 'scan_in_progress');
    const ctrl = new AbortController();
    this.running.set(intakeId, ctrl);
    return { signal: ctrl.signal, end: () => this.running.delete(intakeId) };
  }

  cancel(intakeId: string): boolean {
    const ctrl = this.running.get(intakeId);
    if (!ctrl) return false;
    ctrl.abort();
    return true;
  }

  /** Stops every scan (the app is closing). */
  cancelAll(): void {
    for (const ctrl of this.running.values()) ctrl.abort();
  }
}
