/**
 * Child process for tests/crash-scan.test.ts: `node --import tsx tests/support/crash-scan-child.ts <dataDir> <intakeId>`.
 *
 * Opens the store as the host would, sets the terminal up and signs the clerk in, then scans SANE's test
 * feeder (10 sheets) into the batch `<intakeId>` and prints `page <id>` on stdout right after each page's
 * row committed (the scans.page event). The parent kills it with SIGKILL after a few pages. Like
 * crash-intake-child.ts it must not import vitest helpers. Bounded: exits by itself after MAX_MS.
 */
import type { HandlerInput, HandlerName, HandlerResult } from '../../core/api/contract.js';
import { createAppContext } from '../../main/app-context.js';
import { dispatch } from '../../main/handlers/dispatch.js';

const MAX_MS = 90_000;
const [dataDir, intakeId] = process.argv.slice(2);
if (!dataDir || !intakeId) {
  console.error('usage: crash-scan-child.ts <dataDir> <intakeId>');
  process.exit(2);
}
setTimeout(() => process.exit(4), MAX_MS).unref();

const ctx = createAppContext({ dataDir });

async function must<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> {
  const r = await dispatch(ctx, { door: 'host' }, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as HandlerResult<N>;
}

ctx.events.subscribe((e) => {
  if (e.name === 'scans.page') process.stdout.write(`page ${(e.payload as { pageId: number }).pageId}\n`);
});

await must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: { login: 'admin', displayName: '管理员', password: 'admin-pass-1' }, loadSampleCatalog: true });
await must('auth.signIn', { login: 'admin', password: 'admin-pass-1' });
// The parent holds the feeder (tests/support/scan-hold.ts) so that the kill lands mid-batch.
await must('scans.scan', { intakeId, driver: 'sane', device: 'test:0', resolution: 75, mode: 'color', source: 'feeder' });
console.error('child: the batch ended before it was killed');
process.exit(3);
