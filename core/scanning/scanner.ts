/**
 * The scanning port: what the app needs from a scanner, and nothing of how a driver talks to one.
 * Pure types (core/ has no Node): drivers live in main/scanning/ (SANE through `scanimage` today).
 *
 * A driver lists devices, tells what a device offers, and runs a scan session: an async iterable of
 * events, `page` (one finished page, in feed order) and `progress` (how far the current page is).
 * A feeder batch ends by itself when the feeder runs empty; that is the normal end, not an error.
 * Every failure is a `ScanError` with a stable `reason` (errors.ts), thrown by the iteration.
 *
 * ## Adding a Windows driver (WIA 2.0 or TWAIN)
 * Nothing here is SANE-specific. A Windows driver is another `Scanner` in main/scanning/ with
 * `driver: 'wia'` (or `'twain'`):
 * - `listDevices()` enumerates WIA's DeviceManager (device id `{6BDD1FC6-…}\0000`), or TWAIN's data
 *   sources (the product name is the id);
 * - `options()` maps WIA item properties (WIA_IPS_XRES/YRES ranges or lists, WIA_IPA_DATATYPE:
 *   colour/grey/text → `ScanMode`; WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES: FLAT/FEED/DUP →
 *   `ScanSource`), or TWAIN's ICAP_XRESOLUTION, ICAP_PIXELTYPE, CAP_FEEDERENABLED/CAP_DUPLEXENABLED;
 * - `scan()` runs a helper process (WIA and TWAIN are COM/Win32 APIs, and TWAIN data sources are often
 *   32-bit only, so a 32-bit helper exe next to the app is the usual way, as NAPS2 does) that writes
 *   each page as a file into a temporary folder and prints its path on a line when the file is
 *   complete: the same contract as `scanimage --batch --batch-print`, so the SANE driver's session code
 *   (one line → one page, kill on cancel, remove the folder) carries over unchanged;
 * - errors map onto the same reasons: WIA_ERROR_PAPER_EMPTY before the first page → `feeder_empty`,
 *   after it → the normal end of the batch; WIA_ERROR_OFFLINE / device removed → `device_gone`;
 *   helper exe missing → `scanner_missing`; unknown id → `device_not_found`.
 * Device ids are unique only within a driver: a caller that combines drivers keeps `(driver, id)`.
 */

/** The kinds of driver. `folder`: a watched folder; `file`: a file import; `camera`: a document camera. */
export type ScanDriverKind = 'sane' | 'escl' | 'folder' | 'file' | 'camera' | 'wia' | 'twain';

export interface ScanDevice {
  /** The driver's own name for the device, what `options()` and `scan()` take (SANE: `test:0`, `epson2:libusb:001:004`). */
  id: string;
  /** Maker, as the driver reports it (`Canon`, `Noname`). */
  vendor: string;
  /** Model (`CanoScan LiDE 300`). */
  model: string;
  /** Kind of device, free text from the driver (`flatbed scanner`, `virtual device`). */
  type: string;
  driver: ScanDriverKind;
}

/** Colour mode: 24-bit colour, 8-bit grey, or 1-bit black and white (lineart). */
export type ScanMode = 'color' | 'gray' | 'lineart';
/** Where the paper is: the glass, the automatic document feeder, or the feeder scanning both sides. */
export type ScanSource = 'flatbed' | 'feeder' | 'duplex';

export const SCAN_MODES: readonly ScanMode[] = ['color', 'gray', 'lineart'];
export const SCAN_SOURCES: readonly ScanSource[] = ['flatbed', 'feeder', 'duplex'];

/** Resolutions a device offers: a list (`75|150|300|600`) or a range with a step (`50..1200`, step 1). */
export type ResolutionChoice = { kind: 'list'; values: number[] } | { kind: 'range'; min: number; max: number; step: number };

export interface ScanCapabilities {
  /** The device these are for. */
  device: string;
  /** Resolutions in dpi; `null` when the device does not let the resolution be set. */
  resolutions: ResolutionChoice | null;
  /** Modes offered (in the device's order), those it has no mode for left out. Empty: the device does not say. */
  modes: ScanMode[];
  /** Sources offered. Empty: the device does not say, which for a scanner means a flatbed only. */
  sources: ScanSource[];
  /** The device's current settings, as far as they map onto ours. */
  defaults: Partial<Pick<ScanOptions, 'resolution' | 'mode' | 'source'>>;
  /**
   * What the device calls each mode and source (SANE: `Color`, `Automatic Document Feeder`,
   * `ADF Duplex`): for display next to ours, and what the driver passes back when it scans.
   */
  deviceNames: { modes: Partial<Record<ScanMode, string>>; sources: Partial<Record<ScanSource, string>> };
}

export interface ScanOptions {
  /** Dots per inch. A value the device does not offer is replaced by the nearest it does (`pickResolution`). */
  resolution: number;
  mode: ScanMode;
  source: ScanSource;
  /** Stop after this many pages (feeder and duplex); default: until the feeder is empty. */
  maxPages?: number;
}

/** MIME types a driver delivers pages in; every one can be read by the page work (main/scanning/pages.ts). */
export type PageMime = 'image/png' | 'image/jpeg' | 'image/tiff';

export interface ScannedPage {
  /** 0 for the first page of the session, then 1, 2, … in feed order (duplex: front, back, front, …). */
  index: number;
  /** The page as the scanner produced it, an image in `mime`'s format (lossless where the driver can). */
  bytes: Uint8Array;
  mime: PageMime;
  /** The resolution the page was scanned at (what a PDF page size is computed from). */
  dpi: number;
  mode: ScanMode;
}

export type ScanEvent =
  /** One page has been scanned completely; pages arrive in order. */
  | { type: 'page'; page: ScannedPage }
  /**
   * The page `index` is being scanned: `percent` 0–100 of it (0 when the scanner starts on a page).
   * Not every driver can tell; some send only 0 and the page itself.
   */
  | { type: 'progress'; index: number; percent: number };

/**
 * What `AbortSignal` (DOM and Node) offers and a driver needs; core cannot name the global type
 * (it is type-checked without DOM or Node), and every real AbortSignal fits this shape.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A scan in progress. Iterate it (once) with `for await`:
 * - a `page` event per page, in order; then the iteration ends when the batch is over (flatbed: after
 *   the one page; feeder: when the feeder is empty, or after `maxPages`);
 * - a failure throws a `ScanError` from the iteration; pages delivered before it stay delivered
 *   (`ScanError.pagesDelivered` says how many) — nothing is taken back;
 * - aborting the signal, or leaving the loop early (`break`), stops the scanner and removes whatever
 *   the driver had written; an abort makes the iteration throw `ScanError` `cancelled`.
 * Nothing runs before the iteration starts, and each iteration is a scan of its own: iterate once.
 * A session must be run to its end, aborted or left with `break`/`return()`; one simply dropped
 * half-way keeps its scanner running until the batch ends.
 */
export type ScanSession = AsyncIterable<ScanEvent>;

export interface Scanner {
  readonly driver: ScanDriverKind;
  /** The devices the driver can reach now. An empty list is not an error; a missing driver tool is (`scanner_missing`). */
  listDevices(): Promise<ScanDevice[]>;
  /** What `device` offers. Rejects with `device_not_found` for a device the driver cannot open. */
  options(device: string): Promise<ScanCapabilities>;
  scan(device: string, options: ScanOptions, signal?: AbortSignalLike): ScanSession;
}
