import {
  ScanError,
  type AbortSignalLike,
  type ScanCapabilities,
  type ScanDevice,
  type ScanEvent,
  type ScanOptions,
  type Scanner,
  type ScanSession,
} from '../../core/scanning/index.js';
import { runTool, ToolFailure, type ToolResult } from '../process/run-tool.js';
import { MAX_OUTPUT, readBatch, type BatchSettings } from './sane-batch.js';
import { failure, lastMessage, missingOrFailed } from './sane-errors.js';
import { capabilitiesFrom, DEVICE_LIST_FORMAT, parseAllOptions, parseDeviceList } from './sane-parse.js';
import { planScan } from './sane-plan.js';

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
 * - Every scan, flatbed too, is a `--batch` (read by sane-batch.ts) into a fresh temporary folder (mode 0700) with
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

/** SANE device names are printable; a line break or other control character cannot be one. */
const BAD_DEVICE_NAME = /[\p{Cc}]/u;

export class SaneScanner implements Scanner {
  readonly driver = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly commandTimeoutMs: number;
  private readonly batchSettings: BatchSettings;
  private readonly capabilities = new Map<string, ScanCapabilities>();
  private readonly busy = new Set<string>();

  constructor(options: SaneScannerOptions = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' };
    delete env.LANGUAGE;
    this.env = env;
    this.command = options.command ?? 'scanimage';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 30_000;
    this.batchSettings = {
      command: this.command,
      env,
      idleTimeoutMs: options.idleTimeoutMs ?? 90_000,
      killGraceMs: options.killGraceMs ?? 3_000,
      tempDir: options.tempDir,
      format: options.format ?? 'png',
      extraArgs: options.extraArgs ?? [],
    };
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
      yield* readBatch(this.batchSettings, device, plan, signal);
    } catch (err) {
      // Ask the device again next time: it may come back under the same name with other options.
      if (err instanceof ScanError && (err.reason === 'device_gone' || err.reason === 'device_not_found')) this.capabilities.delete(device);
      throw err;
    } finally {
      this.busy.delete(device);
    }
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

function checkDeviceName(device: string): void {
  if (device === '' || BAD_DEVICE_NAME.test(device)) throw new ScanError('device_not_found', `"${device.replace(/\p{Cc}/gu, '?')}" is not a scanner name.`, { device });
}
