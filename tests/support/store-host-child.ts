/**
 * Child process for tests/store-lock.test.ts and tests/disk-full.test.ts:
 * `node --import tsx tests/support/store-host-child.ts <dataDir>`.
 *
 * The host door as main/host/cli.ts builds it (createAppContext, then startHost on a free port), with an
 * empty renderer folder: the tests only call the API. Prints `open <url>` once it listens; a store it may
 * not open (locked, damaged, disk full) prints the message on stderr and exits 3, as the CLI does. It must
 * not import tests/support/temp.ts (a vitest hook). Bounded: exits by itself after MAX_MS.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../main/app-context.js';
import { StoreError } from '../../main/db/errors.js';
import { startHost } from '../../main/host/server.js';

const MAX_MS = 60_000;

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: store-host-child.ts <dataDir>');
  process.exit(2);
}

let ctx;
try {
  ctx = createAppContext({ dataDir, door: 'host' });
} catch (err) {
  if (err instanceof StoreError) {
    console.error(`${err.code}: ${err.message}`);
    process.exit(3);
  }
  throw err;
}
const { url } = await startHost({ ctx, rendererDir: mkdtempSync(join(tmpdir(), 'onewindow-renderer-')), port: 0 });
console.log(`open ${url}`);
setTimeout(() => process.exit(4), MAX_MS).unref();
// Keeps the process alive until killed or MAX_MS.
setInterval(() => undefined, 1_000);
