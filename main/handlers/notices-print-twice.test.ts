import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptInput, signedInTerminal } from '../../tests/support/intake.js';
import { verifyAudit } from '../db/audit.js';
import { pendingCommands } from '../../tests/support/outbox.js';
import { waitForCupsPdfOutput } from '../printing/cups-pdf.js';

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** Real CUPS with the cups-pdf queue `PDF` (scripts/start-cups.sh), as notices.test.ts. */
let outputDir = '';
beforeAll(() => {
  const out = execFileSync('bash', ['scripts/start-cups.sh'], { encoding: 'utf8', timeout: 60_000 });
  const m = /output:\s*(\S+)/.exec(out);
  if (!m?.[1]) throw new Error(`scripts/start-cups.sh did not say where cups-pdf writes:\n${out}`);
  outputDir = m[1];
}, 90_000);

describe('print pressed twice quickly (two notices.print calls at once, real CUPS)', () => {
  it('each job gets its own print number, reserved before it goes to the printer: the original and a reprint marked as such, both journaled and queued', async () => {
    const t = await signedInTerminal();
    const accepted = await t.call('cases.accept', await acceptInput(t.call));
    if (!accepted.ok) throw new Error(accepted.error.message);
    const { caseNo } = accepted.value;
    const press = () => t.call('notices.print', { caseNo, layout: 'a4', language: 'zh-CN', printer: 'PDF' });
    const results = await Promise.all([press(), press()]);
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.code}/${r.error.reason ?? ''}`))).toEqual(['ok', 'ok']);
    const printed = results.flatMap((r) => (r.ok ? [r.value] : []));
    expect(printed.map((p) => p.printNo).sort()).toEqual([0, 1]);
    expect(new Set(printed.map((p) => p.jobId)).size).toBe(2);

    // What came out of the printer says which is which: the reprint is marked as a copy, the original is not.
    const texts = new Map<number, string>();
    for (const p of printed) {
      const file = await waitForCupsPdfOutput(outputDir, p.jobId, 20_000);
      texts.set(p.printNo, pdfText(file));
      rmSync(file, { force: true });
    }
    expect(texts.get(0)).not.toContain('副本');
    expect(texts.get(1)).toContain('副本');

    const list = await t.call('notices.list', { caseNo });
    expect(list.ok && list.value.map((n) => n.printNo)).toEqual([0, 1]);
    const rows = t.ctx.store.db.prepare('SELECT print_no, job_id FROM notices ORDER BY print_no').all() as { print_no: number; job_id: string | null }[];
    expect(rows.map((r) => r.job_id).sort()).toEqual(printed.map((p) => p.jobId).sort());
    const actions = (t.ctx.store.db.prepare("SELECT action FROM audit_journal WHERE subject = ? AND action LIKE 'notice.%' ORDER BY seq").pluck().all(caseNo) as string[]).sort();
    expect(actions).toEqual(['notice.print', 'notice.reprint']);
    expect(pendingCommands(t.ctx.store.db).filter((c) => c.name === 'printNotice').map((c) => (c.args as { printNo: number }).printNo).sort()).toEqual([0, 1]);
    expect(verifyAudit(t.ctx.store.db).ok).toBe(true);
  }, 60_000);
});
