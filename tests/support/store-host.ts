import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { HandlerInput, HandlerName, HandlerResult } from '../../core/api/contract.js';
import type { Result } from '../../core/result.js';

const root = resolve(import.meta.dirname, '..', '..');
const CHILD = resolve(root, 'tests', 'support', 'store-host-child.ts');

export interface StoreHost {
  url: string;
  child: ChildProcess;
  pid: number;
  call<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<Result<HandlerResult<N>>>;
  /** Whether the process is still running. */
  alive(): boolean;
  kill(): Promise<void>;
  output(): string;
}

export interface Refused {
  code: number | null;
  stderr: string;
}

/**
 * Starts tests/support/store-host-child.ts on dataDir. Resolves with the running host once it prints its
 * URL, or with `{ refused }` when it exits first (exit code and stderr). Bounded by timeoutMs.
 */
export function startStoreHost(dataDir: string, timeoutMs = 20_000): Promise<{ host: StoreHost } | { refused: Refused }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exited = false;
  child.once('exit', () => (exited = true));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the store host did not start or stop within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /^open (http:\/\/\S+)$/m.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const url = m[1];
      // The host binds a sign-in to the client that made it (an HttpOnly session cookie): keep it, as a browser would.
      const cookies = new Map<string, string>();
      resolvePromise({
        host: {
          url,
          child,
          pid: child.pid ?? -1,
          call: async (name, input) => {
            const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
            const res = await fetch(`${url}api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(input) });
            for (const set of res.headers.getSetCookie()) {
              const [pair = ''] = set.split(';');
              const eq = pair.indexOf('=');
              if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
            }
            return (await res.json()) as never;
          },
          alive: () => !exited,
          kill: () =>
            new Promise<void>((done) => {
              if (exited) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
          output: () => `stdout:\n${out}\nstderr:\n${err}`,
        },
      });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (!/^open /m.test(out)) resolvePromise({ refused: { code, stderr: err } });
    });
  });
}
