import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { WAIT } from '../support/page-keys.js';

/**
 * The terminal page needs no account: before the first-run setup IT can read the terminal code and
 * check the audit journal, at `#/terminal` or with Alt+3 from the setup screen; Alt+1 goes back,
 * and the setup form offers what the host was started with.
 */
describe('terminal page before setup, in Chromium through the host', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-terminal-'));
  const problems: string[] = [];

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir, '--terminal', 'T3101040007', '--window', '12', '--hall', '徐汇区行政服务中心', '--district', '徐汇区']);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Alt+3 from the setup screen shows the terminal; Alt+1 returns to a setup form filled from the host', async () => {
    await page.goto(host.url);
    await page.getByTestId('setup-terminalCode').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('setup-terminalCode').inputValue(), WAIT).toBe('T3101040007');
    expect(await page.getByTestId('setup-windowNo').inputValue()).toBe('12');
    expect(await page.getByTestId('setup-district').inputValue()).toBe('徐汇区');

    await page.keyboard.press('Alt+Digit3');
    await page.getByTestId('info-terminalCode').waitFor(WAIT);
    expect(await page.getByTestId('info-terminalCode').textContent()).toBe('T3101040007');
    expect(page.url()).toMatch(/#\/terminal$/);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-result').textContent(), WAIT).toBe('审计日志完整：已校验 0 条记录。');

    await page.keyboard.press('Alt+Digit1');
    await page.getByTestId('setup-terminalCode').waitFor(WAIT);
  });

  it('opens at #/terminal directly, the language switch first in the Tab order', async () => {
    await page.goto(`${host.url}#/terminal`);
    await page.reload(); // a change of hash alone keeps the document, and with it the Tab position
    await page.getByTestId('info-hall').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('info-hall').textContent()).toBe('徐汇区行政服务中心');
    expect(await page.getByText('终端编码').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lang-zh-CN');
    expect(problems).toEqual([]);
  });
});
