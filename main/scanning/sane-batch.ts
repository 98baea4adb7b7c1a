import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ScanError, type AbortSignalLike, type ScanEvent } from '../../core/scanning/index.js';
import { pnmToPng } from './pnm.js';
import { failure, missingOrFailed } from './sane-errors.js';
import { parseProgressLine, SANE_STATUS, scanimageMessages } from './sane-parse.js';
import type { ScanPlan } from './sane-plan.js';

/**
 * The streaming batch reader of the SANE driver (sane.ts): one `scanimage --batch` run, read while it
 * runs. Pages are yielded as scanimage completes them (a printed path is a whole page), progress in
 * page order; cancel, the idle timeout and leaving the loop early stop scanimage, and its temporary
 * folder is removed however the run ends.
 */

/** What a batch runs with: the driver's options, defaults applied. */
export interface BatchSettings {
  command: string;
  env: NodeJS.ProcessEnv;
  idleTimeoutMs: number;
  killGraceMs: number;
  tempDir: string | undefined;
  format: 'png' | 'pnm';
  extraArgs: string[];
}

type RunEvent =
  | { kind: 'file'; path: string }
  | { kind: 'progress'; index: number; percent: number }
  | { kind: 'closed' }
  | { kind: 'abort' }
  | { kind: 'timeout' };

/** The most of scanimage's messages kept, in a batch and in a listing. */
export const MAX_OUTPUT = 4 * 1024 * 1024;

export async function* readBatch(s: BatchSettings, device: string, plan: ScanPlan, signal: AbortSignalLike | undefined): AsyncGenerator<ScanEvent, void, undefined> {
  // Absolute, because the paths scanimage prints are compared with it.
  const dir = await mkdtemp(join(resolve(s.tempDir ?? tmpdir()), 'onewindow-scan-'));
  const ext = s.format;
  const args = [
    `--device-name=${device}`,
    `--format=${s.format}`,
    // The pattern is a printf format: a `%` in the folder's own name must be doubled.
    `--batch=${join(dir.replaceAll('%', '%%'), `page-%04d.${ext}`)}`,
    '--batch-start=1',
    '--batch-print',
    '--progress',
    ...plan.args,
    ...s.extraArgs,
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
  // The last progress yielded: what the consumer sees only ever moves forward (page, then percent).
  let shown = { index: -1, percent: -1 };
  const forward = (index: number, percent: number): boolean => index > shown.index || (index === shown.index && percent > shown.percent);
  let idle: NodeJS.Timeout | undefined;
  let markClosed: () => void = () => undefined;
  const whenClosed = new Promise<void>((res) => {
    markClosed = res;
  });
  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => inbox.push({ kind: 'timeout' }), s.idleTimeoutMs);
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
    child = spawn(s.command, args, { env: s.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
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
        throw new ScanError('scan_failed', `The scanner "${device}" sent nothing for ${Math.round(s.idleTimeoutMs / 1000)} s; the scan was stopped.`, {
          device,
          deviceStatus: 'timeout',
          pagesDelivered: delivered,
        });
      }
      if (ev.kind === 'progress') {
        // scanimage announces page k on stderr right after printing page k-1's path on stdout; the
        // two pipes can be read in either order, so progress of a page ahead waits for that page.
        // Progress that arrives after its page was read (the stderr pipe read late) is stale: dropped.
        if (ev.index > delivered) ahead.push(ev);
        else if (forward(ev.index, ev.percent)) {
          shown = { index: ev.index, percent: ev.percent };
          yield { type: 'progress', index: ev.index, percent: ev.percent };
        }
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
        // Every page is announced by the start of its own scan, even when its stderr line is still unread.
        if (forward(delivered, 0)) {
          shown = { index: delivered, percent: 0 };
          yield { type: 'progress', index: delivered, percent: 0 };
        }
        yield { type: 'page', page: { index: delivered, bytes, mime: 'image/png', dpi: plan.dpi, mode: plan.mode } };
        delivered++;
        while (ahead[0] !== undefined && ahead[0].index <= delivered) {
          const p = ahead.shift() as (typeof ahead)[number];
          if (!forward(p.index, p.percent)) continue;
          shown = { index: p.index, percent: p.percent };
          yield { type: 'progress', index: p.index, percent: p.percent };
        }
        continue;
      }
      // closed: every line has been handled before this event (the streams end before 'close').
      if (spawnError !== null) throw missingOrFailed(s.command, spawnError);
      const outcome = judgeExit(exit.code, stderr, plan, delivered, device);
      if (outcome) throw outcome;
      return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    clearTimeout(idle);
    if (child && !closed) await stop(child, whenClosed, s.killGraceMs);
    await rm(dir, { recursive: true, force: true });
  }
}

/** SIGTERM (scanimage cancels the scan), then SIGKILL after the grace time; waits for the exit. */
async function stop(child: ChildProcess, whenClosed: Promise<void>, killGraceMs: number): Promise<void> {
  child.kill('SIGTERM');
  if (await settlesWithin(whenClosed, killGraceMs)) return;
  child.kill('SIGKILL');
  await settlesWithin(whenClosed, 5_000);
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
