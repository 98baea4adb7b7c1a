import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandlerInput, HandlerName, HandlerResult } from '../core/api/contract.js';
import { createAppContext } from '../main/app-context.js';
import { dispatch } from '../main/handlers/dispatch.js';
import { collectScanOrphans } from '../main/scanning/orphans.js';
import { scanHold, type ScanHold } from './support/scan-hold.js';
import { tempDir } from './support/temp.js';

const root = resolve(import.meta.dirname, '..');
const CHILD = resolve(root, 'tests', 'support', 'crash-scan-child.ts');
/** Per child: from spawn (tsx start-up, the store's set-up) to the kill; generous for a loaded machine. */
const CHILD_TIMEOUT_MS = 60_000;

/**
 * Runs the child and SIGKILLs it once it printed `after` committed pages; resolves with the page ids it
 * printed. Its feeder holds one sheet after that (`hold`), so the batch cannot end before the kill
 * however slowly the parent reads; the kill lands while that last page is stored, or after.
 */
function scanAndKill(dataDir: string, intakeId: string, after: number, hold: ScanHold): Promise<number[]> {
  hold.holdAfter(after + 1);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, intakeId], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: hold.env });
  let out = '';
  let err = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child printed ${out.split('\n').length - 1} pages within ${CHILD_TIMEOUT_MS} ms; stderr:\n${err}`));
    }, CHILD_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (err += c));
    child.stdout.on('data', (c: string) => {
      out += c;
      if (out.split('\n').length - 1 >= after) child.kill('SIGKILL');
    });
    child.once('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child was not killed; stderr:\n${err}`));
      else resolvePromise(out.split('\n').filter((l) => l.startsWith('page ')).map((l) => Number(l.slice(5))));
    });
  });
}

describe('a batch in progress survives a crash of the app', () => {
  it('killed after 3 pages: after restart the pages are there, whole, offered to continue, and scanning goes on after them', async () => {
    const dataDir = tempDir('onewindow-crash-scan-');
    const intakeId = randomUUID();
    const hold = scanHold();
    let printed: number[];
    try {
      printed = await scanAndKill(dataDir, intakeId, 3, hold);
    } finally {
      hold.release(); // the killed child's scanimage goes on to its end and exits
      hold.remove();
    }
    expect(printed.length).toBeGreaterThanOrEqual(3);

    const ctx = createAppContext({ dataDir });
    try {
      const must = async <N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerResult<N>> => {
        const r = await dispatch(ctx, { door: 'host' }, name, input);
        if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
        return r.value as HandlerResult<N>;
      };
      await must('auth.signIn', { login: 'admin', password: 'admin-pass-1' });
      const open = await must('scans.openBatches', {});
      expect(open.batches.map((b) => b.intakeId)).toEqual([intakeId]);
      const pages = (await must('scans.batch', { intakeId })).pages;
      // Every page the child saw committed is there; at most the one being stored at the kill is extra.
      expect(pages.map((p) => p.id).slice(0, printed.length)).toEqual(printed);
      expect(pages.length - printed.length).toBeLessThanOrEqual(1);
      // Whole: every stored page reads back and matches its hash (BlobStore.get verifies).
      for (const p of pages) expect(ctx.blobs.get(p.sha256).byteLength).toBe(p.bytes);
      // The orphan job keeps every page a row points at.
      collectScanOrphans(ctx.store.db, ctx.blobs, Date.now() + 2 * 3600_000);
      for (const p of pages) expect(ctx.blobs.has(p.sha256)).toBe(true);

      // Going on: a new feeder batch lands after the pages already there.
      const more = await must('scans.scan', { intakeId, driver: 'sane', device: 'test:0', resolution: 50, mode: 'color', source: 'feeder', maxPages: 2 });
      expect(more.added).toBe(2);
      const after = (await must('scans.batch', { intakeId })).pages;
      expect(after.map((p) => p.pos)).toEqual([...Array(pages.length + 2).keys()]);
      expect(after.slice(0, pages.length).map((p) => p.id)).toEqual(pages.map((p) => p.id));
    } finally {
      ctx.store.close();
    }
  }, 2 * CHILD_TIMEOUT_MS);
});
