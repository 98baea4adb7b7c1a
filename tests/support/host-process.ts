import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
export const HOST_ENTRY = resolve(root, 'dist', 'host.mjs');

export interface HostProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built host (`node dist/host.mjs`, what `npm run host` runs) on a free port and waits for
 * the line that gives its URL, with `env` as its environment (default this process's). Bounded:
 * fails after timeoutMs (generous: a loaded machine starts Node slowly; a host that is up answers at once).
 */
export function startHostProcess(args: string[], timeoutMs = 45_000, env: NodeJS.ProcessEnv = process.env): Promise<HostProcess> {
  if (!existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run "npm run build" first (npm test does).`);
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start within ${timeoutMs} ms; output:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1],
          child,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before starting; output:\n${out}`));
    });
  });
}
