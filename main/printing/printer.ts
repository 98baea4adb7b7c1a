import type { PRINT_REASONS } from '../../core/reasons.js';
import { DomainError } from '../../core/result.js';

/**
 * The printing port: what the handlers need from a printing system, and nothing of how it works.
 * Implementations: CUPS through its command-line tools (cups.ts, Linux and macOS); Electron's
 * `webContents.print` (wired in main/electron, elsewhere). `createPrinter()` in index.ts picks one.
 */

export type PrinterState = 'idle' | 'printing' | 'stopped' | 'unknown';

export interface PrinterInfo {
  /** The queue's name, what `print({ printer })` takes (CUPS: `PDF`, `HP_LaserJet_M404`). */
  name: string;
  /** What people call it (CUPS: the queue's description, else its name). */
  description: string;
  /** The system's (or the user's) default printer. */
  isDefault: boolean;
  state: PrinterState;
  /** Whether the queue takes new jobs at all (CUPS: `cupsaccept` / `cupsreject`). */
  acceptingJobs: boolean;
  /** What the printer says about its state, verbatim ("Paper jam in tray 2"), if anything. */
  stateMessage?: string;
}

export type PrintMedia = 'A4' | 'roll80';

export interface PrintJob {
  /** The document, a complete PDF file. */
  pdf: Buffer;
  /** A name from `list()`. */
  printer: string;
  /** The job's name in the queue (the notice's document number). */
  title: string;
  /** 1–99, default 1. */
  copies?: number;
  /** Paper: A4 sheets or an 80 mm receipt roll. Default: the printer's own default. */
  media?: PrintMedia;
}

export interface PrintOutcome {
  /** The printing system's id of the job (CUPS: `PDF-12`). */
  jobId: string;
}

export interface Printer {
  list(): Promise<PrinterInfo[]>;
  /**
   * Sends the job. Resolves once the printing system has it (or, where the implementation is set to
   * wait, once it has left the queue); rejects with a `PrintError` and nothing else.
   */
  print(job: PrintJob): Promise<PrintOutcome>;
}

/** What each means: core/reasons.ts, PRINT_REASONS. */
export type PrintErrorReason = (typeof PRINT_REASONS)[number];

export interface PrintErrorDetails {
  /** The printer the job was for, if any. */
  printer?: string;
  /** What the printer or the printing system said, verbatim (e.g. "Paper jam in tray 2"); the clerk sees it. */
  printerMessage?: string | null;
  /** The job, if one was created before the failure. */
  jobId?: string;
  /** Whether that job was cancelled so that it cannot come out later (after the clerk printed again). */
  jobCancelled?: boolean;
}

/**
 * A print or list that failed. `reason` is stable (for code and translations); `message` is one
 * English sentence that includes the printer's own words; `printerMessage` is those words alone.
 * It is a `DomainError` (code `unavailable`: the case is safe, printing again may work), so a handler
 * that lets one through answers `{ok:false}` with the reason and the message.
 */
export class PrintError extends DomainError {
  declare readonly reason: PrintErrorReason;
  readonly printer: string | null;
  readonly printerMessage: string | null;
  readonly jobId: string | null;
  readonly jobCancelled: boolean;

  constructor(reason: PrintErrorReason, message: string, details: PrintErrorDetails = {}) {
    super('unavailable', message, undefined, reason);
    this.name = 'PrintError';
    this.printer = details.printer ?? null;
    this.printerMessage = details.printerMessage ?? null;
    this.jobId = details.jobId ?? null;
    this.jobCancelled = details.jobCancelled ?? false;
  }
}
