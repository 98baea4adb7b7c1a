import { runTool, ToolFailure, type ToolResult } from '../process/run-tool.js';
import { PrintError, type PrintJob, type PrintMedia, type PrintOutcome, type Printer, type PrinterInfo, type PrinterState } from './printer.js';

/**
 * The printing port on CUPS, through its command-line tools (package cups-client on Debian; built
 * into macOS): `lpstat` to list printers and watch jobs, `lp` to submit, `cancel` to withdraw a job.
 *
 * - Every call is `spawn(file, [args])`, never a shell: printer names and titles come from users.
 *   Values are passed glued to their option (`-pNAME`), because lpstat reads a following word that
 *   starts with `-` as the next option; names CUPS would refuse are refused before any call.
 * - Every call has a timeout (`commandTimeoutMs`); the process is killed when it passes.
 * - Every call runs with `LANG=C LC_ALL=C`: CUPS translates its messages itself (from LANG, whether
 *   or not the system has that locale), and this module reads them. UTF-8 still passes through.
 * - The PDF goes to `lp` on stdin (`-`), so no temporary file is written.
 * - By default `print` waits until the job has left the queue (CUPS: it went to the device), so
 *   "printed" means printed; a printer that stops meanwhile, or a job still queued at
 *   `completionTimeoutMs`, is reported with the printer's message, and the job is cancelled so it
 *   cannot come out later, after the clerk has printed the notice again elsewhere.
 */

export interface CupsPrinterOptions {
  /** CUPS server for every call, as `CUPS_SERVER` (`host[:port]` or a socket path). Default: the client's own. */
  server?: string;
  /** Extra environment for the tools (e.g. `PATH`). `LANG`/`LC_ALL` are always `C`. */
  env?: Record<string, string | undefined>;
  /** The tools, if not on PATH. */
  commands?: { lp?: string; lpstat?: string; cancel?: string };
  /** Limit for each call of a tool; default 15 s. */
  commandTimeoutMs?: number;
  /** Wait for the job to leave the queue before `print` resolves; default true. */
  waitForCompletion?: boolean;
  /** How long a job may stay queued when waiting; default 60 s. */
  completionTimeoutMs?: number;
  /** How often the queue is looked at when waiting; default 250 ms. */
  pollIntervalMs?: number;
  /**
   * The `media=` value per kind of paper, as the printer's driver names it. Defaults: `A4`, and for
   * the roll `Custom.80x<L>mm` with L the length of the PDF's first page (a receipt is as long as its
   * content), which printers with custom sizes (and cups-pdf) take.
   */
  media?: Partial<Record<PrintMedia, string>>;
}

type RunResult = ToolResult;

/** CUPS refuses names with these, and with control characters (see lpadmin's validate_name). */
const FORBIDDEN_IN_NAME = /[\s/\\?'"#\p{Cc}]/u;
const MAX_OUTPUT = 4 * 1024 * 1024;

const CONNECTION_TROUBLE =
  /scheduler is not running|unable to connect|connection refused|failed to connect|no route to host|network is unreachable|host is down|name or service not known|unknown host|bad file descriptor/i;

export class CupsPrinter implements Printer {
  private readonly env: NodeJS.ProcessEnv;
  private readonly bin: { lp: string; lpstat: string; cancel: string };
  private readonly timeoutMs: number;
  private readonly wait: boolean;
  private readonly completionTimeoutMs: number;
  private readonly pollMs: number;
  private readonly media: Partial<Record<PrintMedia, string>>;

  constructor(options: CupsPrinterOptions = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };
    delete env.LANGUAGE;
    if (options.server !== undefined) env.CUPS_SERVER = options.server;
    this.env = env;
    this.bin = { lp: options.commands?.lp ?? 'lp', lpstat: options.commands?.lpstat ?? 'lpstat', cancel: options.commands?.cancel ?? 'cancel' };
    this.timeoutMs = options.commandTimeoutMs ?? 15_000;
    this.wait = options.waitForCompletion ?? true;
    this.completionTimeoutMs = options.completionTimeoutMs ?? 60_000;
    this.pollMs = options.pollIntervalMs ?? 250;
    this.media = options.media ?? {};
  }

  async list(): Promise<PrinterInfo[]> {
    const [names, long, dflt, accepting] = await Promise.all([
      this.run(this.bin.lpstat, ['-e']),
      this.run(this.bin.lpstat, ['-l', '-p']),
      this.run(this.bin.lpstat, ['-d']),
      this.run(this.bin.lpstat, ['-a']),
    ]);
    for (const r of [names, long, dflt, accepting]) {
      if (r.code === 0 || /no destinations added/i.test(r.stderr)) continue;
      const said = cupsSaid(r);
      if (CONNECTION_TROUBLE.test(said)) throw unavailable(said);
      throw new PrintError('print_failed', `CUPS could not list the printers: ${said}`, { printerMessage: said });
    }
    const states = parsePrinters(long.stdout);
    const accepts = parseAccepting(accepting.stdout);
    const defaultName = /system default destination:\s*(\S+)/.exec(dflt.stdout)?.[1] ?? null;
    const seen = new Set<string>();
    const out: PrinterInfo[] = [];
    const listed = names.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    for (const name of [...listed, ...states.keys()]) {
      if (seen.has(name)) continue;
      seen.add(name);
      const base = name.split('/')[0] ?? name;
      const s = states.get(base);
      const info: PrinterInfo = {
        name,
        description: s?.description || name,
        isDefault: name === defaultName,
        state: s?.state ?? 'unknown',
        acceptingJobs: accepts.get(base) ?? s !== undefined,
      };
      if (s?.message) info.stateMessage = s.message;
      out.push(info);
    }
    return out;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const printer = job.printer;
    const copies = job.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new PrintError('print_failed', `copies must be a whole number from 1 to 99, not ${copies}`, { printer });
    if (job.pdf.length < 8 || job.pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PrintError('print_failed', 'the document to print is not a PDF file', { printer });
    const base = queueOf(printer);
    if (base === null) throw new PrintError('printer_unknown', `There is no printer named “${printer}”.`, { printer });

    await this.refuseIfNotReady(printer, base);

    const args = [`-d${printer}`, `-t${title(job.title)}`, `-n${copies}`];
    const media = job.media ? this.mediaFor(job.media, job.pdf) : null;
    if (media) args.push(`-omedia=${media}`);
    args.push('-');
    const r = await this.run(this.bin.lp, args, job.pdf);
    const jobId = /request id is (\S+)/.exec(r.stdout)?.[1];
    if (r.code !== 0 || !jobId) throw await this.lpFailure(r, printer);
    if (this.wait) await this.waitUntilDone(jobId, printer, base);
    return { jobId };
  }

  /** A printer that is unknown, stopped or refusing jobs gets no job: it would sit, then print much later. */
  private async refuseIfNotReady(printer: string, base: string): Promise<void> {
    const [p, a] = await Promise.all([this.run(this.bin.lpstat, [`-p${base}`]), this.run(this.bin.lpstat, [`-a${base}`])]);
    for (const r of [p, a]) {
      if (r.code === 0) continue;
      const said = cupsSaid(r);
      if (CONNECTION_TROUBLE.test(said)) throw unavailable(said, { printer });
      // With the scheduler down lpstat says "Invalid destination name" too, so ask it first.
      const down = await this.schedulerDown();
      if (down) throw unavailable(down, { printer });
      if (/invalid destination|does not exist|not found/i.test(said)) {
        throw new PrintError('printer_unknown', `There is no printer named “${printer}”: ${said}`, { printer, printerMessage: said });
      }
      throw new PrintError('print_failed', `CUPS could not tell the state of printer “${printer}”: ${said}`, { printer, printerMessage: said });
    }
    const state = parsePrinters(p.stdout).get(base);
    if (state?.state === 'stopped') {
      const said = state.message ?? 'stopped';
      throw new PrintError('printer_stopped', `Printer “${printer}” is stopped: ${said}`, { printer, printerMessage: said });
    }
    const accepting = parseAcceptingDetail(a.stdout).get(base);
    if (accepting && !accepting.accepting) {
      const said = accepting.message ?? 'not accepting jobs';
      throw new PrintError('printer_stopped', `Printer “${printer}” does not accept jobs: ${said}`, { printer, printerMessage: said });
    }
  }

  private async waitUntilDone(jobId: string, printer: string, base: string): Promise<void> {
    const deadline = Date.now() + this.completionTimeoutMs;
    for (;;) {
      const [jobs, p] = await Promise.all([this.run(this.bin.lpstat, ['-W', 'not-completed', `-o${base}`]), this.run(this.bin.lpstat, [`-p${base}`])]);
      if (jobs.code !== 0) {
        const said = cupsSaid(jobs);
        if (CONNECTION_TROUBLE.test(said)) throw unavailable(said, { printer, jobId });
        throw new PrintError('print_failed', `CUPS could not tell whether job ${jobId} printed: ${said}`, { printer, printerMessage: said, jobId });
      }
      const queued = jobs.stdout.split('\n').some((line) => line.startsWith(`${jobId} `));
      if (!queued) return;
      const state = parsePrinters(p.stdout).get(base);
      if (state?.state === 'stopped') {
        const said = state.message ?? 'stopped';
        const jobCancelled = await this.cancel(jobId);
        throw new PrintError('printer_stopped', `Printer “${printer}” stopped while job ${jobId} waited: ${said}`, { printer, printerMessage: said, jobId, jobCancelled });
      }
      if (Date.now() >= deadline) {
        const said = state?.message ?? null;
        const jobCancelled = await this.cancel(jobId);
        throw new PrintError(
          'timeout',
          `Job ${jobId} was still in the queue of “${printer}” after ${Math.round(this.completionTimeoutMs / 1000)} s${said ? `: ${said}` : ''}${jobCancelled ? ' (cancelled)' : ''}`,
          { printer, printerMessage: said, jobId, jobCancelled },
        );
      }
      await sleep(Math.min(this.pollMs, Math.max(0, deadline - Date.now())));
    }
  }

  /** Withdraws a job; whether that worked (a job that just finished cannot be cancelled). */
  private async cancel(jobId: string): Promise<boolean> {
    try {
      return (await this.run(this.bin.cancel, [jobId])).code === 0;
    } catch {
      return false;
    }
  }

  /** What `lpstat -r` says when the scheduler is not running; null when it is. */
  private async schedulerDown(): Promise<string | null> {
    const r = await this.run(this.bin.lpstat, ['-r']);
    return /scheduler is running/i.test(r.stdout) ? null : cupsSaid(r);
  }

  private async lpFailure(r: RunResult, printer: string): Promise<PrintError> {
    const said = cupsSaid(r);
    if (CONNECTION_TROUBLE.test(said)) return unavailable(said, { printer });
    if (/does not exist|invalid destination|not found/i.test(said)) {
      const down = await this.schedulerDown();
      if (down) return unavailable(down, { printer });
      return new PrintError('printer_unknown', `There is no printer named “${printer}”: ${said}`, { printer, printerMessage: said });
    }
    if (/not accepting/i.test(said)) return new PrintError('printer_stopped', `Printer “${printer}” does not accept jobs: ${said}`, { printer, printerMessage: said });
    if (r.code === 0) return new PrintError('print_failed', `lp did not say which job it made: ${r.stdout.trim()}`, { printer, printerMessage: r.stdout.trim() || null });
    return new PrintError('print_failed', `CUPS refused the job for “${printer}”: ${said}`, { printer, printerMessage: said });
  }

  private mediaFor(media: PrintMedia, pdf: Buffer): string {
    const configured = this.media[media];
    if (configured) return configured;
    if (media === 'A4') return 'A4';
    const heightPt = firstPageHeight(pdf);
    const mm = heightPt === null ? 297 : Math.min(3000, Math.max(20, Math.ceil((heightPt * 25.4) / 72)));
    return `Custom.80x${mm}mm`;
  }

  /** Runs one tool with a timeout; a missing tool is `cups_unavailable`, a hung one `timeout`. */
  private async run(file: string, args: string[], input?: Buffer): Promise<RunResult> {
    try {
      return await runTool(file, args, { env: this.env, timeoutMs: this.timeoutMs, maxOutput: MAX_OUTPUT, ...(input ? { input } : {}) });
    } catch (err) {
      if (!(err instanceof ToolFailure)) throw err;
      if (err.kind === 'timeout') {
        throw new PrintError('timeout', `CUPS did not answer within ${Math.round(this.timeoutMs / 1000)} s (${file} ${args.filter((a) => a !== '-').join(' ')})`);
      }
      throw spawnFailure(file, err.cause);
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface QueueState {
  state: PrinterState;
  message?: string;
  description?: string;
}

const LONG_KEYS =
  /^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Forms allowed|Banner required|Charset sets|Default pitch|Default page size|Default port settings)\b/;

/** `lpstat -p` or `lpstat -l -p` (LANG=C): a header line per printer, its message and attributes indented. */
export function parsePrinters(text: string): Map<string, QueueState> {
  const printers = new Map<string, QueueState>();
  let current: QueueState | null = null;
  let inAttributes = false;
  const messages: string[] = [];
  const flush = (): void => {
    if (current && messages.length > 0) current.message = messages.join(' ').trim();
    messages.length = 0;
  };
  for (const line of text.split('\n')) {
    const head = /^printer (\S+) (is idle\.|is holding new jobs\.|now printing \S+\.|disabled since)/.exec(line);
    if (head?.[1] && head[2]) {
      flush();
      const what = head[2];
      current = { state: what.startsWith('is idle') ? 'idle' : what.startsWith('now printing') ? 'printing' : 'stopped' };
      if (what.startsWith('is holding')) current.message = 'holding new jobs';
      printers.set(head[1], current);
      inAttributes = false;
      continue;
    }
    if (!current || !line.startsWith('\t')) continue;
    const body = line.slice(1);
    if (body.startsWith('\t')) continue; // lists under "Users allowed:" and the like
    if (LONG_KEYS.test(body)) {
      inAttributes = true;
      const description = /^Description:\s?(.*)$/.exec(body);
      if (description) current.description = description[1]?.trim() ?? '';
      continue;
    }
    if (!inAttributes && body.trim()) messages.push(body.trim());
  }
  flush();
  return printers;
}

/** `lpstat -a`: "NAME accepting requests since …" or "NAME not accepting requests since … -" and a reason. */
function parseAcceptingDetail(text: string): Map<string, { accepting: boolean; message?: string }> {
  const queues = new Map<string, { accepting: boolean; message?: string }>();
  let last: { accepting: boolean; message?: string } | null = null;
  for (const line of text.split('\n')) {
    const m = /^(\S+) (not )?accepting requests/.exec(line);
    if (m?.[1]) {
      last = { accepting: !m[2] };
      queues.set(m[1], last);
    } else if (last && line.startsWith('\t') && line.trim()) {
      last.message = [last.message, line.trim()].filter(Boolean).join(' ');
    }
  }
  return queues;
}

function parseAccepting(text: string): Map<string, boolean> {
  return new Map([...parseAcceptingDetail(text)].map(([name, a]) => [name, a.accepting]));
}

/** The queue part of a destination (`PDF` of `PDF/draft`), or null for a name CUPS would never have made. */
function queueOf(destination: string): string | null {
  const [queue, instance, ...rest] = destination.split('/');
  if (!queue || rest.length > 0 || !validName(queue)) return null;
  if (instance !== undefined && !validName(instance)) return null;
  return queue;
}

function validName(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) <= 127 && !name.startsWith('-') && !FORBIDDEN_IN_NAME.test(name);
}

/** A job title as the queue shows it: one line, no control characters, not empty. */
function title(raw: string): string {
  const t = raw.replace(/\p{Cc}+/gu, ' ').trim().slice(0, 200);
  return t || 'OneWindow';
}

/** What CUPS said, without the tool's name in front ("lp: Error - …" → "Error - …"). */
function cupsSaid(r: RunResult): string {
  const text = (r.stderr.trim() || r.stdout.trim() || `exit code ${r.code ?? 'none'}`).replace(/^(lp|lpstat|cancel):\s*/gm, '');
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}

function unavailable(said: string, details: { printer?: string; jobId?: string } = {}): PrintError {
  return new PrintError('cups_unavailable', `The printing system (CUPS) is not running or cannot be reached: ${said}`, { ...details, printerMessage: said });
}

function spawnFailure(file: string, err: unknown): PrintError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new PrintError(
      'cups_unavailable',
      `CUPS is not installed here: the command “${file}” was not found. Install CUPS (Debian/Ubuntu: apt-get install cups; macOS has it built in).`,
    );
  }
  return new PrintError('cups_unavailable', `Could not run the CUPS command “${file}”: ${err instanceof Error ? err.message : String(err)}`);
}

/** The height in points of the first /MediaBox in the file, or null (compressed object streams hide it). */
export function firstPageHeight(pdf: Buffer): number | null {
  const m = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!m) return null;
  const height = Number(m[4]) - Number(m[2]);
  return Number.isFinite(height) && height > 0 ? height : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
