import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { request } from 'node:https';

/**
 * GET over https trusting exactly the CA IT named (the `ca` option replaces Node's bundled roots, so
 * a publicly trusted certificate for the update host is not enough: the internal CA is pinned).
 * Bounded in time and size; redirects are not followed (a generic update folder has none).
 */
export interface FetchOptions {
  ca: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function get(url: string, opts: FetchOptions, onChunk: (chunk: Buffer) => void): Promise<void> {
  const { ca, timeoutMs = 30_000, maxBytes = 16 * 1024 * 1024 } = opts;
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      reject(new FetchError('updates come over https only'));
      return;
    }
    const req = request(target, { method: 'GET', ca, timeout: timeoutMs, headers: { 'cache-control': 'no-cache' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new FetchError(`the update server answered ${res.statusCode ?? 'nothing'}`, res.statusCode));
        return;
      }
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          req.destroy(new FetchError(`more than ${maxBytes} bytes`));
          return;
        }
        onChunk(chunk);
      });
      res.on('end', () => resolve());
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new FetchError(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function fetchText(url: string, opts: FetchOptions): Promise<string> {
  const chunks: Buffer[] = [];
  await get(url, { maxBytes: 1024 * 1024, ...opts }, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Downloads to `dest` and keeps the file only if its SHA-512 is the one expected (base64, as in
 * latest.yml); otherwise the file is removed and the call fails.
 */
export async function downloadVerified(url: string, dest: string, sha512: string, opts: FetchOptions): Promise<void> {
  const out = createWriteStream(dest, { mode: 0o600 });
  const hash = createHash('sha512');
  try {
    await get(url, { maxBytes: 1024 * 1024 * 1024, timeoutMs: 600_000, ...opts }, (c) => {
      hash.update(c);
      out.write(c);
    });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out.destroy();
    rmSync(dest, { force: true });
    throw err;
  }
  if (hash.digest('base64') !== sha512) {
    rmSync(dest, { force: true });
    throw new FetchError('the download does not match its sha512 in the manifest');
  }
}
