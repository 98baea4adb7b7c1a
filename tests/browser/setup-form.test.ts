import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, hostApi, press, seeText as seeTextIn, typeEnter, WAIT } from '../support/page-keys.js';
import { tempDir } from '../support/temp.js';

/**
 * Issue 13, defect 6: the setup form speaks the user's language. Every problem shows at once under
 * its field, with the expected format, never the validator's English; a window number must be digits
 * ("十二" printed "十二 号窗口" before).
 */
describe('setup form in Chromium at 1366×768', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const seeText = (testId: string, expected: string | RegExp): Promise<void> => seeTextIn(page, testId, expected, 'be', WAIT);

  beforeAll(async () => {
    host = await startHostProcess(['--data', tempDir()]);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows every format problem at once, in Chinese, and refuses a window number in words', async () => {
    await page.goto(host.url);
    await page.getByTestId('setup-terminalCode').waitFor(WAIT);
    await expect.poll(() => focusedTestId(page), WAIT).toBe('setup-terminalCode');
    await seeText('setup-windowNo-hint', '只填数字，如 12（打印为“12 号窗口”）。');
    await typeEnter(page, 'T31-01');
    await typeEnter(page, '十二');
    await typeEnter(page, '徐汇区行政服务中心');
    await typeEnter(page, '徐汇区');
    await typeEnter(page, '王 管理');
    await typeEnter(page, '管理员');
    await typeEnter(page, 'admin-pass-1');
    await typeEnter(page, 'admin-pass-1');
    await press(page, 'Enter');
    await seeText('setup-terminalCode-error', '2 至 16 位字母或数字，如 T3101040007。');
    await seeText('setup-windowNo-error', '只填数字，如 12（打印为“12 号窗口”）。');
    await seeText('setup-admin-login-error', '2 至 32 位字母、数字或 . _ -，如 wang.li。');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/letters|digits|输入有误/);
    expect((await hostApi(host.url, browser).must<{ needsSetup: boolean }>('setup.status')).needsSetup).toBe(true);
  });

  it('the back end refuses a window number in words too', async () => {
    const r = await hostApi(host.url, browser).api('setup.init', { terminalCode: 'T3101040007', windowNo: '十二', district: '徐汇区', admin: { login: 'admin', displayName: '管理员', password: 'admin-pass-1' } });
    expect(r.ok).toBe(false);
    expect(r.error?.field).toBe('windowNo');
  });

  it('sets up once the fields are right', async () => {
    await page.getByTestId('setup-terminalCode').fill('T3101040007');
    await page.getByTestId('setup-windowNo').fill('12');
    await page.getByTestId('setup-admin-login').fill('wang.admin');
    await page.getByTestId('setup-repeat').press('Enter');
    await page.getByTestId('setup-sample').press('Enter');
    await page.getByTestId('signin-password').waitFor(WAIT);
    expect(problems).toEqual([]);
  });
});
