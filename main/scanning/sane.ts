import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  pickResolution,
  ScanError,
  type AbortSignalLike,
  type ScanCapabilities,
  type ScanDevice,
  type ScanDeviceStatus,
  type ScanEvent,
  type ScanMode,
  type ScanOptions,
  type Scanner,
  type ScanSession,
} from '../../core/scanning/index.js';
import { runTool, ToolFailure, type ToolResult } from '../process/run-tool.js';
import { pnmToPng } from './pnm.js';
import { capabilitiesFrom, DEVICE_LIST_FORMAT, parseAllOptions, parseDeviceList, parseProgressLine, SANE_STATUS, scanimageMessages } from './sane-parse.js';

/**
 * The scanning port on SANE, through its command-line frontend `scanimage` (Debian/Ubuntu/UOS/Kylin:
 * package sane-utils; the backends are in libsane1, which it pulls in).
 *
 * - Every call is `spawn(file, [args])`, never a shell: device names come from the system and may
 *   hold anything. Values are glued to their option (`--device-name=…`, `--mode=…`).
 * - Every call runs with `LANG=C LC_ALL=C` (this module reads scanimage's English messages).
 * - Listing and `-A` have a timeout (`commandTimeoutMs`, default 30 s: network backends are slow to
 *   answer); a scan has an idle timeout instead (`idleTimeoutMs`, default 90 s without a byte of
 *   output or progress: a lamp warming up is silent for a while, a long batch is not one long silence).
 * - Every scan, flatbed too, is a `--batch` into a fresh temporary folder (mode 0700) with
 *   `--batch-print`: scanimage writes each page to `page-NNNN.png.part`, renames it when complete and
 *   then prints its path, so a printed path is a whole page. The driver reads it, deletes it and yields
 *   it; the folder is removed when the session ends in any way (end, error, cancel, `break`).
 *   Flatbed scans are `--batch-count=1`; feeder and duplex scans run until the feeder is empty, which
 *   scanimage reports as "Document feeder out of documents" (exit 0 after pages, or status 7): the end
 *   of the batch. With no page at all it is `feeder_empty`.
 * - Cancel (the signal) sends SIGTERM (scanimage then calls sane_cancel, which stops a feeder between
 *   sheets), and SIGKILL if it is still running after `killGraceMs`.
 * - Listing is slow by nature: `scanimage -L` asks every backend in /etc/sane.d/dll.conf, and the
 *   network ones wait for answers (on Debian 12: magicolor 1.5 s, epson2 1 s, pixma 0.5 s, 3.4 s in
 *   all with no scanner attached). List once per panel opening, not per scan; `options()` and `scan()`
 *   open only the device's own backend (milliseconds for the test backend).
 * - One scan per device at a time in this process: a second is refused as `scan_failed`/`busy` at
 *   once, rather than by the backend after it has opened the device.
 */
export interface SaneScannerOptions {
  /** The scanimage executable; default `scanimage` on PATH. */
  command?: string;
  /** Extra environment (e.g. `SANE_CONFIG_DIR`). `LANG`/`LC_ALL` are always `C`. */
  env?: Record<string, string | undefined>;
  /** Limit for `listDevices()` and `options()`; default 30 s. */
  commandTimeoutMs?: number;
  /** A scan fails (`scan_failed`/`timeout`) after this long without output or progress; default 90 s. */
  idleTimeoutMs?: number;
  /** How long a cancelled scanimage gets to stop by itself before SIGKILL; default 3 s. */
  killGraceMs?: number;
  /** Where the per-scan temporary folders go; default the OS temp folder. */
  tempDir?: string;
  /**
   * What scanimage writes: `png` (default) or `pnm`, which the driver turns into PNG itself (for a
   * scanimage built without PNG support). Pages are PNG either way.
   */
  format?: 'png' | 'pnm';
  /** Backend options added to every scan (`['--test-picture=Color pattern']`, `['--brightness=10']`). */
  extraArgs?: string[];
}

type RunResult = ToolResult;

type RunEvent =
  | { kind: 'file'; path: string }
  | { kind: 'progress'; index: number; percent: number }
  | { kind: 'closed' }
  | { kind: 'abort' }
  | { kind: 'timeout' };

const MAX_OUTPUT = 4 * 1024 * 1024;
/** SANE device names are printable; a line break or other control character cannot be one. */
const BAD_DEVICE_NAME = /[\p{Cc}]/u;

export class SaneScanner implements Scanner {
  readonly driver = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly commandTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly killGraceMs: number;
  private readonly tempDir: string | undefined;
  private readonly format: 'png' | 'pnm';
  private readonly extraArgs: string[];
  private readonly capabilities = new Map<string, ScanCapabilities>();
  private readonly busy = new Set<string>();

  constructor(options: SaneScannerOptions = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };
    delete env.LANGUAGE;
    this.env = env;
    this.command = options.command ?? 'scanimage';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 30_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 90_000;
    this.killGraceMs = options.killGraceMs ?? 3_000;
    this.tempDir = options.tempDir;
    this.format = options.format ?? 'png';
    this.extraArgs = options.extraArgs ?? [];
  }

  async listDevices(): Promise<ScanDevice[]> {
    const r = await this.run(['--formatted-device-list', DEVICE_LIST_FORMAT]);
    if (r.code !== 0) throw new ScanError('scan_failed', `scanimage could not list scanners: ${lastMessage(r.stderr) ?? `exit ${r.code}`}`, { deviceMessage: lastMessage(r.stderr) ?? '' });
    return parseDeviceList(r.stdout);
  }

  async options(device: string): Promise<ScanCapabilities> {
    checkDeviceName(device);
    const r = await this.run([`--device-name=${device}`, '--all-options']);
    if (r.code !== 0) {
      const message = lastMessage(r.stderr);
      if (message && /^open of device .* failed/.test(message)) throw new ScanError('device_not_found', `There is no scanner "${device}" (or it cannot be opened): ${message}`, { device, deviceMessage: message });
      throw failure(r.code, r.stderr, device, 0);
    }
    const caps = capabilitiesFrom(device, parseAllOptions(r.stdout));
    this.capabilities.set(device, caps);
    return caps;
  }

  scan(device: string, options: ScanOptions, signal?: AbortSignalLike): ScanSession {
    return { [Symbol.asyncIterator]: () => this.session(device, options, signal) };
  }

  // -------------------------------------------------------------------------------------------

  private async *session(device: string, options: ScanOptions, signal: AbortSignalLike | undefined): AsyncGenerator<ScanEvent, void, undefined> {
    if (signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled before it started.', { device });
    checkDeviceName(device);
    const caps = this.capabilities.get(device) ?? (await this.options(device));
    const plan = planScan(caps, options);
    if (signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled before it started.', { device });
    if (this.busy.has(device)) throw new ScanError('scan_failed', `The scanner "${device}" is busy with another scan.`, { device, deviceStatus: 'busy' });
    this.busy.add(device);
    try {
      yield* this.batch(device, plan, signal);
    } catch (err) {
      // Ask the device again next time: it may come back under the same name with other options.
      if (err instanceof ScanError && (err.reason === 'device_gone' || err.reason === 'device_not_found')) this.capabilities.delete(device);
      throw err;
    } finally {
      this.busy.delete(device);
    }
  }

  private async *batch(device: string, plan: ScanPlan, signal: AbortSignalLike | undefined): AsyncGenerator<ScanEvent, void, undefined> {
    // Absolute, because the paths scanimage prints are compared with it.
    const dir = await mkdtemp(join(resolve(this.tempDir ?? tmpdir()), 'onewindow-scan-'));
    const ext = this.format;
    const args = [
      `--device-name=${device}`,
      `--format=${this.format}`,
      // The pattern is a printf format: a `%` in the folder's own name must be doubled.
      `--batch=${join(dir.replaceAll('%', '%%'), `page-%04d.${ext}`)}`,
      '--batch-start=1',
      '--batch-print',
      '--progress',
      ...plan.args,
      ...this.extraArgs,
    ];
    const inbox = new Inbox<RunEvent>();
    let child: ChildProcess | null = null;
    let closed = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    let spawnError: NodeJS.ErrnoException | null = null;
    let stderr = '';
    let stdoutRest = '';
    let stderrRest = '';
    let page = 0; // the page scanimage is on, 0-based
    let lastPercent = -1;
    let delivered = 0;
    const ahead: { index: number; percent: number }[] = []; // progress of pages not yet reached
    let idle: NodeJS.Timeout | undefined;
    let markClosed: () => void = () => undefined;
    const whenClosed = new Promise<void>((res) => {
      markClosed = res;
    });
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => inbox.push({ kind: 'timeout' }), this.idleTimeoutMs);
    };
    const onAbort = (): void => inbox.push({ kind: 'abort' });

    const stdoutLine = (line: string): void => {
      if (line.trim() !== '') inbox.push({ kind: 'file', path: line.trim() });
    };
    const stderrLine = (line: string): void => {
      const p = parseProgressLine(line);
      if (p === null) {
        if (line.trim() !== '' && stderr.length < MAX_OUTPUT) stderr += `${line}\n`;
        return;
      }
      if ('page' in p) {
        page = p.page - 1;
        lastPercent = 0;
        inbox.push({ kind: 'progress', index: page, percent: 0 });
      } else {
        const percent = Math.floor(p.percent);
        if (percent !== lastPercent) {
          lastPercent = percent;
          inbox.push({ kind: 'progress', index: page, percent });
        }
      }
    };

    try {
      signal?.addEventListener('abort', onAbort, { once: true });
      child = spawn(this.command, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      child.stdout?.setEncoding('utf8');
      child.stderr?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        armIdle();
        const lines = (stdoutRest + chunk).split('\n');
        stdoutRest = lines.pop() ?? '';
        lines.forEach(stdoutLine);
      });
      child.stderr?.on('data', (chunk: string) => {
        armIdle();
        const lines = (stderrRest + chunk).split(/\r\n|\r|\n/);
        stderrRest = lines.pop() ?? '';
        lines.forEach(stderrLine);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        spawnError = err;
        if (child?.pid === undefined) {
          closed = true;
          markClosed();
          inbox.push({ kind: 'closed' });
        }
      });
      child.on('close', (code, sig) => {
        if (closed) return;
        clearTimeout(idle); // silence after the end is no timeout, however long the consumer takes
        if (stdoutRest) stdoutLine(stdoutRest);
        if (stderrRest) stderrLine(stderrRest);
        stdoutRest = stderrRest = '';
        exit = { code, signal: sig };
        closed = true;
        markClosed();
        inbox.push({ kind: 'closed' });
      });
      armIdle();
      if (signal?.aborted) inbox.push({ kind: 'abort' });

      for (;;) {
        const ev = await inbox.next();
        // An abort overtakes pages already queued: the clerk who pressed cancel after page 1 gets no
        // more pages, even if scanimage had written them before the consumer asked for the next.
        if (ev.kind === 'abort' || signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled.', { device, pagesDelivered: delivered });
        if (ev.kind === 'timeout') {
          throw new ScanError('scan_failed', `The scanner "${device}" sent nothing for ${Math.round(this.idleTimeoutMs / 1000)} s; the scan was stopped.`, {
            device,
            deviceStatus: 'timeout',
            pagesDelivered: delivered,
          });
        }
        if (ev.kind === 'progress') {
          // scanimage announces page k on stderr right after printing page k-1's path on stdout; the
          // two pipes can be read in either order, so progress of a page ahead waits for that page.
          if (ev.index > delivered) ahead.push(ev);
          else yield { type: 'progress', index: ev.index, percent: ev.percent };
          continue;
        }
        if (ev.kind === 'file') {
          const path = resolve(ev.path);
          if (dirname(path) !== dir || !/^page-\d{4,}\.(png|pnm)$/.test(basename(path))) continue; // not one of ours
          let bytes: Buffer;
          try {
            const raw = await readFile(path);
            await rm(path, { force: true });
            if (raw.length === 0) throw new Error('the file is empty');
            bytes = ext === 'pnm' ? await pnmToPng(raw) : raw;
          } catch (err) {
            const why = err instanceof Error ? err.message : String(err);
            throw new ScanError('scan_failed', `Page ${delivered + 1} from "${device}" could not be read: ${why}`, { device, pagesDelivered: delivered });
          }
          yield { type: 'page', page: { index: delivered, bytes, mime: 'image/png', dpi: plan.dpi, mode: plan.mode } };
          delivered++;
          while (ahead[0] !== undefined && ahead[0].index <= delivered) {
            const p = ahead.shift() as (typeof ahead)[number];
            yield { type: 'progress', index: p.index, percent: p.percent };
          }
          continue;
        }
        // closed: every line has been handled before this event (the streams end before 'close').
        if (spawnError !== null) throw missingOrFailed(this.command, spawnError);
        const outcome = judgeExit(exit.code, stderr, plan, delivered, device);
        if (outcome) throw outcome;
        return;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(idle);
      if (child && !closed) await this.stop(child, whenClosed);
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** SIGTERM (scanimage cancels the scan), then SIGKILL after the grace time; waits for the exit. */
  private async stop(child: ChildProcess, whenClosed: Promise<void>): Promise<void> {
    child.kill('SIGTERM');
    if (await settlesWithin(whenClosed, this.killGraceMs)) return;
    child.kill('SIGKILL');
    await settlesWithin(whenClosed, 5_000);
  }

  private async run(args: string[]): Promise<RunResult> {
    try {
      return await runTool(this.command, args, { env: this.env, timeoutMs: this.commandTimeoutMs, maxOutput: MAX_OUTPUT });
    } catch (err) {
      if (!(err instanceof ToolFailure)) throw err;
      if (err.kind === 'timeout') {
        throw new ScanError('scan_failed', `scanimage did not answer within ${Math.round(this.commandTimeoutMs / 1000)} s (${args.join(' ')})`, { deviceStatus: 'timeout' });
      }
      throw missingOrFailed(this.command, err.cause ?? Object.assign(new Error('could not start'), { code: 'UNKNOWN' }));
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface ScanPlan {
  args: string[];
  dpi: number;
  mode: ScanMode;
  batch: boolean;
}

/** The scanimage arguments for the wanted options on this device, or `option_unsupported`. */
export function planScan(caps: ScanCapabilities, options: ScanOptions): ScanPlan {
  const { device } = caps;
  const args: string[] = [];
  const batch = options.source !== 'flatbed';

  if (caps.sources.length === 0) {
    if (batch) throw new ScanError('option_unsupported', `The scanner "${device}" has no document feeder.`, { device });
  } else {
    const name = caps.deviceNames.sources[options.source];
    if (name === undefined) {
      const offered = caps.sources.join(', ');
      throw new ScanError('option_unsupported', `The scanner "${device}" cannot scan from the ${options.source} (it offers: ${offered}).`, { device });
    }
    args.push(`--source=${name}`);
  }

  let mode = options.mode;
  if (caps.modes.length === 0) {
    mode = caps.defaults.mode ?? options.mode;
  } else {
    const name = caps.deviceNames.modes[options.mode];
    if (name === undefined) throw new ScanError('option_unsupported', `The scanner "${device}" has no ${options.mode} mode (it offers: ${caps.modes.join(', ')}).`, { device });
    args.push(`--mode=${name}`);
  }

  const dpi = pickResolution(caps.resolutions, options.resolution);
  if (caps.resolutions !== null) args.push(`--resolution=${dpi}`);

  if (!batch) args.push('--batch-count=1');
  else if (options.maxPages !== undefined) {
    if (!Number.isInteger(options.maxPages) || options.maxPages < 1) throw new RangeError(`maxPages must be a positive integer, not ${options.maxPages}`);
    args.push(`--batch-count=${options.maxPages}`);
  }
  return { args, dpi, mode, batch };
}

/**
 * How a scanimage run that exited by itself ended: `null` for the normal end, else the error.
 * "Document feeder out of documents" ends a feeder batch; before the first page it is `feeder_empty`.
 */
function judgeExit(code: number | null, stderr: string, plan: ScanPlan, delivered: number, device: string): ScanError | null {
  const messages = scanimageMessages(stderr);
  const noDocs = code === SANE_STATUS.NO_DOCS.code || messages.some((m) => m.includes(SANE_STATUS.NO_DOCS.text));
  if (code === 0 || (code === SANE_STATUS.NO_DOCS.code && delivered > 0)) {
    if (delivered > 0) return null;
    if (noDocs && plan.batch) return new ScanError('feeder_empty', `The document feeder of "${device}" is empty.`, { device, deviceMessage: SANE_STATUS.NO_DOCS.text });
    return new ScanError('scan_failed', `The scanner "${device}" finished without delivering a page.`, { device, deviceMessage: messages.at(-1) ?? '' });
  }
  if (noDocs && delivered === 0 && plan.batch) return new ScanError('feeder_empty', `The document feeder of "${device}" is empty.`, { device, deviceMessage: SANE_STATUS.NO_DOCS.text });
  return failure(code, stderr, device, delivered);
}

const STATUS_BY_CODE = new Map<number, ScanDeviceStatus>([
  [SANE_STATUS.UNSUPPORTED.code, 'unsupported'],
  [SANE_STATUS.DEVICE_BUSY.code, 'busy'],
  [SANE_STATUS.INVAL.code, 'invalid'],
  [SANE_STATUS.JAMMED.code, 'jammed'],
  [SANE_STATUS.COVER_OPEN.code, 'cover_open'],
  [SANE_STATUS.IO_ERROR.code, 'io_error'],
  [SANE_STATUS.NO_MEM.code, 'no_memory'],
  [SANE_STATUS.ACCESS_DENIED.code, 'access_denied'],
]);

/** A failed scanimage run → `device_not_found`, `device_gone` or `scan_failed` with the scanner's words. */
function failure(code: number | null, stderr: string, device: string, delivered: number): ScanError {
  const message = telling(scanimageMessages(stderr)) ?? (code === null ? 'scanimage was killed' : `scanimage exited with status ${code}`);
  const details = { device, deviceMessage: message, pagesDelivered: delivered };
  if (/^open of device .* failed/.test(message)) {
    if (delivered > 0) return new ScanError('device_gone', `The scanner "${device}" disappeared during the scan: ${message}`, details);
    return new ScanError('device_not_found', `There is no scanner "${device}" (or it cannot be opened): ${message}`, details);
  }
  if (code === SANE_STATUS.IO_ERROR.code || message.includes(SANE_STATUS.IO_ERROR.text)) {
    return new ScanError('device_gone', `The scanner "${device}" stopped answering (${message}).`, { ...details, deviceStatus: 'io_error' });
  }
  if (/^setting of option --(source|mode|resolution)/.test(message)) {
    return new ScanError('option_unsupported', `The scanner "${device}" refused a setting: ${message}`, details);
  }
  let status: ScanDeviceStatus = 'unknown';
  for (const s of Object.values(SANE_STATUS)) if (message.includes(s.text)) status = STATUS_BY_CODE.get(s.code) ?? status;
  if (status === 'unknown' && code !== null) status = STATUS_BY_CODE.get(code) ?? 'unknown';
  return new ScanError('scan_failed', `The scanner "${device}" failed: ${message}`, { ...details, deviceStatus: status });
}

function missingOrFailed(command: string, err: NodeJS.ErrnoException): ScanError {
  if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'ENOTDIR') {
    return new ScanError('scanner_missing', `${command} is not installed or cannot be run (${err.code}); on Debian, Ubuntu, UOS or Kylin install the package sane-utils.`);
  }
  return new ScanError('scan_failed', `${command} could not be started: ${err.message}`);
}

function checkDeviceName(device: string): void {
  if (device === '' || BAD_DEVICE_NAME.test(device)) throw new ScanError('device_not_found', `"${device.replace(/\p{Cc}/gu, '?')}" is not a scanner name.`, { device });
}

function lastMessage(stderr: string): string | undefined {
  return telling(scanimageMessages(stderr));
}

/**
 * The message that says what went wrong: the last one naming a SANE status, else the last one.
 * "trying to stop scanner" is scanimage's signal handler talking (some backends fork a reader that
 * inherits it, and stop it with SIGTERM after a failed read), never the cause.
 */
function telling(messages: string[]): string | undefined {
  const useful = messages.filter((m) => !/^(trying to stop scanner|aborting)/.test(m));
  return useful.findLast((m) => Object.values(SANE_STATUS).some((st) => m.includes(st.text))) ?? useful.at(-1);
}

function settlesWithin(p: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((res) => {
    const t = setTimeout(() => res(false), ms);
    void p.then(() => {
      clearTimeout(t);
      res(true);
    });
  });
}

/** A queue the child's callbacks push into and the session awaits, one event at a time. */
class Inbox<T> {
  private readonly items: T[] = [];
  private waiter: ((v: T) => void) | null = null;

  push(v: T): void {
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      w(v);
    } else this.items.push(v);
  }

  next(): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    return new Promise((res) => {
      this.waiter = res;
    });
  }
}
