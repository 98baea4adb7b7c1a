import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';

/** The home screen through the real host, in Debian's Chromium: both languages, and the choice persists. */
describe('home screen in Chromium through the host', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    host = await startHostProcess(['--data', tempDir(), '--terminal', 'T3101040007', '--window', '12', '--hall', '徐汇区行政服务中心', '--district', '徐汇区']);
    browser = await launchBrowser();
    page = await browser.newPage();
    // A CSP violation or an uncaught error shows up here, and fails the last test.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the terminal info in Chinese by default', async () => {
    await page.goto(`${host.url}#/terminal`);
    await page.getByTestId('info-terminalCode').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('info-terminalCode').textContent()).toBe('T3101040007');
    expect(await page.getByTestId('info-windowNo').textContent()).toBe('12');
    expect(await page.getByTestId('info-hall').textContent()).toBe('徐汇区行政服务中心');
    expect(await page.getByTestId('info-door').textContent()).toBe('浏览器（本机服务）');
    expect(await page.getByText('终端编码').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('switches to English, and keeps English after a reload', async () => {
    await page.getByTestId('lang-en').click();
    await page.getByText('Terminal code').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('info-door').textContent()).toBe('Browser (local host)');
    await page.reload();
    await page.getByText('Terminal code').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('info-terminalCode').textContent()).toBe('T3101040007');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('verifies the audit journal on request (the language change is its one entry)', async () => {
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBe('The audit journal is intact: 1 entries verified.');
  });

  it('works by keyboard: the first Tab reaches the language switch and Enter switches back to Chinese', async () => {
    await page.reload();
    await page.getByText('Terminal code').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lang-zh-CN');
    await page.keyboard.press('Enter');
    await page.getByText('终端编码').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${process.env.ONEWINDOW_SCREENSHOTS ?? tempDir('onewindow-shot-')}/home.png` });
    expect(problems).toEqual([]);
  });
});
