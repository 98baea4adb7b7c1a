import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../tests/support/browser.js';
import type { Db } from './db/types.js';
import { BACKENDS } from './testing/backends.js';
import { command, enrollTerminal, publishSample, startCentral, type TestCentral } from './testing/harness.js';
import { intakeArgs, sampleCatalog } from './testing/intake-commands.js';

/** The back-office page in a real browser (its script runs under its own CSP): a person moves a case. */
describe('the /office page in Chromium', () => {
  let db: Db;
  let c: TestCentral;
  let browser: BrowserContext;
  const files = mkdtempSync(join(tmpdir(), 'ow-office-page-'));
  beforeAll(async () => {
    db = await BACKENDS[0]!.open();
    c = await startCentral(db);
    await publishSample(c);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.stop();
    await db?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('lists a case and moves it to decided with a result document', async () => {
    const t = await enrollTerminal(c);
    const args = intakeArgs({ catalog: sampleCatalog(), terminalCode: t.terminalCode, day: '2026-11-26', n: 1 });
    await t.push([command(1, 'acceptCase', args)]);
    const caseNo = args.caseNo as string;

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${c.url}/office`);
    await page.fill('#token', c.officeToken);
    await page.click('#save-token');
    const row = page.locator('#cases tr', { hasText: caseNo });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: /in review/ }).click();
    await page.locator('#message', { hasText: 'in review' }).waitFor({ timeout: 10_000 });

    const pdf = join(files, '决定书.pdf');
    writeFileSync(pdf, `%PDF-1.7 decision for ${caseNo}`);
    const again = page.locator('#cases tr', { hasText: caseNo });
    await again.locator('select').selectOption('not_approved');
    await again.locator('input[type=file]').setInputFiles(pdf);
    await again.getByRole('button', { name: /decided/ }).click();
    await page.locator('#message', { hasText: 'decided' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const [row2] = await db.query<{ status: string; decision: string; result_document: { name: string; sha256: string } }>('SELECT status, decision, result_document FROM cases WHERE case_no = $1', [caseNo]);
    const sha = createHash('sha256').update(`%PDF-1.7 decision for ${caseNo}`).digest('hex');
    expect(row2).toEqual({ status: 'decided', decision: 'not_approved', result_document: { name: '决定书.pdf', sha256: sha } });
    await page.close();
  });
});
