import { CupsPrinter, type CupsPrinterOptions } from './cups.js';
import { PrintError, type Printer } from './printer.js';

export { CupsPrinter, type CupsPrinterOptions } from './cups.js';
export { cupsPdfOutputFile, waitForCupsPdfOutput } from './cups-pdf.js';
export * from './printer.js';

export interface PrinterChoice {
  /** Default: this process's platform. */
  platform?: NodeJS.Platform;
  cups?: CupsPrinterOptions;
}

/**
 * The printer for this platform: CUPS on Linux and macOS (the host and the tests use it; Electron may
 * too). On Windows there is no CUPS: the desktop app prints through Electron's `webContents.print`
 * (main/electron); until that is given here, every call says so plainly.
 */
export function createPrinter(choice: PrinterChoice = {}): Printer {
  const platform = choice.platform ?? process.platform;
  if (platform === 'win32') return new UnavailablePrinter(WINDOWS);
  return new CupsPrinter(choice.cups);
}

const WINDOWS =
  'Printing without the desktop app is not available on Windows: there is no CUPS. Print from the OneWindow desktop app, which prints through Windows itself.';

/** A printer that refuses every call with one clear sentence (reason `cups_unavailable`). */
export class UnavailablePrinter implements Printer {
  constructor(private readonly why: string) {}

  list(): Promise<never> {
    return Promise.reject(new PrintError('cups_unavailable', this.why));
  }

  print(job: { printer: string }): Promise<never> {
    return Promise.reject(new PrintError('cups_unavailable', this.why, { printer: job.printer }));
  }
}
