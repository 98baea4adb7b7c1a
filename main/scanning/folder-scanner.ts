import { mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AbortSignalLike, ScanCapabilities, ScanDevice, ScanEvent, Scanner, ScanOptions, ScanSession } from '../../core/scanning/scanner.js';
import { isPageError, ScanError } from '../../core/scanning/errors.js';
import { importFile } from './file-import.js';
import { watchFolder } from './folder-watch.js';
import { isPdf, PDF_RASTER_DPI, rasterizePdf } from './pdf-import.js';

export interface FolderScannerOptions {
  /** The folders scanner software saves into (settings `scan_watch_folders`). */
  folders: () => string[];
  /** A scan ends when no new file has been finished for this long; default 15 s. */
  idleMs?: number;
  stableMs?: number;
  pollMs?: number;
}

const EXTENSIONS = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.pdf'];

/**
 * A watched folder as a scanner: the clerk starts a "scan" here, presses the button on a scanner whose
 * own software saves into the folder, and each finished file (size and mtime steady, see
 * folder-watch.ts) becomes a page — files already waiting in the folder first, oldest name first. The
 * scan ends when no new file has arrived for `idleMs`, on cancel, or after `maxPages`. A file is moved
 * into `imported/` only after its page was taken (the consumer asks for the next one after storing it),
 * so a crash re-offers a file rather than losing it; a file that is no usable image goes to `refused/`
 * and ends the scan with its reason, keeping the pages before it.
 */
export class FolderScanner implements Scanner {
  readonly driver = 'folder' as const;

  constructor(private readonly opts: FolderScannerOptions) {}

  async listDevices(): Promise<ScanDevice[]> {
    return this.opts.folders().filter((f) => isDir(f)).map((f) => ({ id: f, vendor: '', model: basename(f) || f, type: 'watched folder', driver: 'folder' as const }));
  }

  async options(device: string): Promise<ScanCapabilities> {
    this.check(device);
    return { device, resolutions: null, modes: [], sources: [], defaults: {}, deviceNames: { modes: {}, sources: {} } };
  }

  scan(device: string, options: ScanOptions, signal?: AbortSignalLike): ScanSession {
    return { [Symbol.asyncIterator]: () => this.run(device, options, signal) };
  }

  private check(device: string): void {
    if (!this.opts.folders().includes(device) || !isDir(device)) throw new ScanError('device_not_found', `The folder ${device} is not a watched folder here, or is not reachable.`, { device });
  }

  private async *run(device: string, options: ScanOptions, signal?: AbortSignalLike): AsyncGenerator<ScanEvent> {
    this.check(device);
    // Never shorter than a file takes to count as finished, or a file saved just before would be missed.
    const idleMs = Math.max(this.opts.idleMs ?? 15_000, (this.opts.stableMs ?? 1_000) + 2 * (this.opts.pollMs ?? 250));
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const poke = (): void => {
      wake?.();
      wake = null;
    };
    const stop = watchFolder(device, (path) => {
      queue.push(path);
      queue.sort();
      poke();
    }, { extensions: EXTENSIONS, ...(this.opts.stableMs !== undefined ? { stableMs: this.opts.stableMs } : {}), ...(this.opts.pollMs !== undefined ? { pollMs: this.opts.pollMs } : {}) });
    signal?.addEventListener('abort', poke, { once: true });
    let index = 0;
    try {
      for (;;) {
        if (signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled.', { device, pagesDelivered: index });
        if (options.maxPages !== undefined && index >= options.maxPages) return;
        const path = queue.shift();
        if (!path) {
          const arrived = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), idleMs);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          if (!arrived && queue.length === 0 && !signal?.aborted) return;
          continue;
        }
        let images: { bytes: Buffer; mime: 'image/jpeg' | 'image/png' | 'image/tiff'; dpi: number }[];
        try {
          const file = await importFile(path);
          images = isPdf(file.bytes)
            ? (await rasterizePdf(file.bytes)).map((bytes) => ({ bytes, mime: 'image/jpeg' as const, dpi: PDF_RASTER_DPI }))
            : [{ bytes: file.bytes, mime: file.info.format === 'png' ? 'image/png' : file.info.format === 'tiff' ? 'image/tiff' : 'image/jpeg', dpi: 0 }];
        } catch (err) {
          moveInto(device, 'refused', path);
          const reason = isPageError(err) ? err.reason : 'unreadable';
          throw new ScanError('scan_failed', `${basename(path)}: ${(err as Error).message}`, { device, deviceMessage: reason, deviceStatus: 'invalid', pagesDelivered: index });
        }
        for (const image of images) {
          // WebP arrives as a JPEG-labelled page; the page work reads the bytes, not the label.
          yield { type: 'page', page: { index, bytes: image.bytes, mime: image.mime, dpi: image.dpi, mode: 'color' } };
          index += 1;
        }
        moveInto(device, 'imported', path);
      }
    } finally {
      stop();
    }
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function moveInto(folder: string, sub: 'imported' | 'refused', path: string): void {
  const dir = join(folder, sub);
  mkdirSync(dir, { recursive: true });
  // A later file of the same name must not overwrite an earlier one.
  renameSync(path, join(dir, `${Date.now()}-${basename(path)}`));
}
