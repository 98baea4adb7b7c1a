import { BrowserWindow, webContents as allContents } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrintError, type Printer, type PrinterInfo, type PrintJob } from '../printing/printer.js';

/**
 * Printing through Electron where there is no CUPS (Windows): the printer list from getPrintersAsync and a
 * silent webContents.print of the PDF loaded in a hidden window with Chromium's PDF viewer. This needs the
 * Electron binary, so it cannot run in this project's CI; the CUPS port (main/printing/cups.ts) carries the
 * tested path, and both answer with the same PrintError reasons.
 */
export const electronPrinter: Printer = {
  async list(): Promise<PrinterInfo[]> {
    const contents = allContents.getAllWebContents()[0];
    if (!contents) throw new PrintError('print_failed', 'No window is open to ask for printers.');
    const printers = await contents.getPrintersAsync();
    return printers.map((p) => ({
      name: p.name,
      description: p.displayName || p.name,
      isDefault: (p as { isDefault?: boolean }).isDefault === true,
      state: 'unknown',
      acceptingJobs: true,
    }));
  },

  async print(job: PrintJob) {
    const known = (await this.list()).some((p) => p.name === job.printer);
    if (!known) throw new PrintError('printer_unknown', `There is no printer named "${job.printer}".`, { printer: job.printer });
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-print-'));
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, job.pdf);
    const win = new BrowserWindow({ show: false, webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
    try {
      await win.loadURL(pathToFileURL(file).toString());
      await new Promise<void>((resolve, reject) => {
        win.webContents.print({ silent: true, deviceName: job.printer, copies: job.copies ?? 1, printBackground: true }, (success, reason) =>
          success ? resolve() : reject(new PrintError('print_failed', reason || 'The printer refused the job.', { printer: job.printer })),
        );
      });
      return { jobId: `${job.printer}:${Date.now()}` };
    } finally {
      win.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
