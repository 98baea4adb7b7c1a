import { spawn } from 'node:child_process';

/** What a command-line tool answered: its exit code and output (each stream capped). */
export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Why a tool gave no answer: it could not be started, or it did not finish in time (and was killed). */
export class ToolFailure extends Error {
  constructor(
    readonly kind: 'spawn' | 'timeout',
    override readonly cause: NodeJS.ErrnoException | null,
  ) {
    super(kind === 'timeout' ? 'timed out' : (cause?.message ?? 'could not start'));
    this.name = 'ToolFailure';
  }
}

export interface RunToolOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Written to stdin, which is then closed. */
  input?: Buffer;
  /** Output kept at most (both streams together); the rest is read and dropped. */
  maxOutput?: number;
}

/**
 * Runs one tool with an argument array (never a shell: names and titles come from users) and a timeout.
 * Used by the CUPS and SANE adapters, which turn a ToolFailure into their own error.
 */
export function runTool(file: string, args: readonly string[], opts: RunToolOptions): Promise<ToolResult> {
  const maxOutput = opts.maxOutput ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(file, args, { env: opts.env, stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      reject(new ToolFailure('spawn', err as NodeJS.ErrnoException));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxOutput) into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    let timedOut = false;
    let failed = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      failed = true;
      reject(new ToolFailure('spawn', e));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failed) return;
      if (timedOut) reject(new ToolFailure('timeout', null));
      else resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (opts.input && child.stdin) {
      // A tool may exit before reading all of stdin (lp with an unknown printer); its answer is what matters.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
  });
}
