import type { PAGE_ERROR_REASONS, SCAN_ERROR_REASONS } from '../reasons.js';
import { DomainError, type ErrorCode } from '../result.js';

/**
 * Scan failures, with a stable `reason` (for code and translations) under the handler error code.
 * Both classes are `DomainError`s, so a handler that lets one through returns `{ok:false}` with the
 * code, the reason and the message (main/handlers/dispatch.ts), and nothing else is needed to wire
 * them. The reasons are listed in core/reasons.ts.
 *
 * - `scanner_missing`: the driver's tool is not installed (SANE: no `scanimage`; apt-get install sane-utils);
 * - `device_not_found`: no device by that name, or it cannot be opened;
 * - `device_gone`: the device disappeared (unplugged, switched off, network lost) after the scan started;
 * - `feeder_empty`: a feeder scan found no paper at all (a feeder that runs empty after some pages ends the batch, no error);
 * - `option_unsupported`: the device has no such source or mode (a feeder scan on a flatbed-only scanner);
 * - `cancelled`: the scan was aborted through its signal;
 * - `scan_failed`: anything else the scanner reported (paper jam, cover open, busy, I/O error, timeout):
 *   `deviceMessage` has the scanner's own words, `deviceStatus` a stable word where one is known.
 */
export type ScanErrorReason = (typeof SCAN_ERROR_REASONS)[number];

/** Stable words for what the scanner reported under `scan_failed` (SANE's status codes, and `timeout`). */
export type ScanDeviceStatus = 'jammed' | 'cover_open' | 'busy' | 'access_denied' | 'io_error' | 'no_memory' | 'invalid' | 'unsupported' | 'timeout' | 'unknown';

const SCAN_CODES: Record<ScanErrorReason, ErrorCode> = {
  scanner_missing: 'unavailable',
  device_not_found: 'not_found',
  device_gone: 'unavailable',
  feeder_empty: 'unavailable',
  option_unsupported: 'invalid_input',
  cancelled: 'conflict',
  scan_failed: 'unavailable',
};

export interface ScanErrorDetails {
  device?: string;
  /** What the scanner or its tool said, verbatim (`Document feeder jammed`). */
  deviceMessage?: string;
  deviceStatus?: ScanDeviceStatus;
  /** Pages the session had delivered before it failed (they stay delivered). */
  pagesDelivered?: number;
}

export class ScanError extends DomainError {
  declare readonly reason: ScanErrorReason;
  readonly device: string | null;
  readonly deviceMessage: string | null;
  readonly deviceStatus: ScanDeviceStatus | null;
  readonly pagesDelivered: number;

  constructor(reason: ScanErrorReason, message: string, details: ScanErrorDetails = {}) {
    super(SCAN_CODES[reason], message, undefined, reason);
    this.name = 'ScanError';
    this.device = details.device ?? null;
    this.deviceMessage = details.deviceMessage ?? null;
    this.deviceStatus = details.deviceStatus ?? null;
    this.pagesDelivered = details.pagesDelivered ?? 0;
  }
}

export function isScanError(err: unknown): err is ScanError {
  return err instanceof ScanError;
}

/**
 * Why a page (scanned or imported) could not be used:
 * - `image_empty`: 0 bytes;
 * - `image_unsupported`: not an image format the page work reads (JPEG, PNG, TIFF, WebP), e.g. a text
 *   file renamed `.jpg`, or an SVG;
 * - `image_corrupt`: the format is recognised but the data is broken (a truncated JPEG or PNG);
 * - `image_too_large`: more pixels (or bytes) than the limit, e.g. a PNG "bomb" that declares
 *   20000×20000; refused from its header, before anything is decoded;
 * - `invalid_crop`: the crop rectangle is not inside the (rotated) page;
 * - `pdf_too_many_pages`: a PDF with more pages than one import takes (`MAX_PDF_PAGES`, 100): split it;
 * - `pdf_unreadable`: a damaged or password-protected PDF;
 * - `pdf_unsupported`: this installation cannot turn PDF pages into images (poppler's `pdftoppm` missing).
 */
export type PageErrorReason = (typeof PAGE_ERROR_REASONS)[number];

export class PageError extends DomainError {
  declare readonly reason: PageErrorReason;

  constructor(reason: PageErrorReason, message: string, field?: string) {
    super('invalid_input', message, field, reason);
    this.name = 'PageError';
  }
}

export function isPageError(err: unknown): err is PageError {
  return err instanceof PageError;
}
