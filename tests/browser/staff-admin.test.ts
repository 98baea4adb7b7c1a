import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, hostApi, press, seeText as seeTextIn, typeEnter, WAIT } from '../support/page-keys.js';

/**
 * Issue 13, defect 1: staff administration in the UI, by keyboard, at the counter PC's 1366×768.
 * An admin adds a clerk (temporary password), changes the role, disables and enables the account,
 * cannot disable themselves, sets the idle lock, the scan sources and imports the catalog; the new
 * member must change the password at the first sign-in before anything else. Every change is journaled.
 */
const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const SAMPLE = resolve(import.meta.dirname, '..', '..', 'resources', 'catalog', 'sample-catalog.json');

describe('staff administration in Chromium through the host', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-staff-'));
  const problems: string[] = [];
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be'): Promise<void> => seeTextIn(page, testId, expected, how, WAIT);
  const focus = (): Promise<string | null> => focusedTestId(page);
  const journal = (): string[] => {
    const db = new Database(join(dataDir, 'onewindow.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT action || ' ' || coalesce(subject, '') AS a FROM audit_journal WHERE action LIKE 'staff.%' OR action LIKE 'settings.%' OR action = 'catalog.import' ORDER BY seq").all() as { a: string }[]).map((r) => r.a.trim());
    } finally {
      db.close();
    }
  };

  async function signIn(login: string, password: string): Promise<void> {
    await page.getByTestId('signin-login').waitFor(WAIT);
    await page.getByTestId('signin-login').focus();
    await press(page, 'Control+A');
    await typeEnter(page, login);
    await typeEnter(page, password);
  }

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir, '--terminal', 'T3101040007', '--window', '12']);
    browser = await launchBrowser();
    await hostApi(host.url, browser).must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
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
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an admin adds a clerk with a temporary password, by keyboard', async () => {
    await page.goto(host.url);
    // The sign-in screen says which counter this is.
    await seeText('gate-terminal', '终端 T3101040007 · 12 号窗口');
    await signIn(ADMIN.login, ADMIN.password);
    await page.getByTestId('item-search').waitFor(WAIT);
    await press(page, 'Alt+3');
    await page.getByTestId('staff-admin').waitFor(WAIT);
    await page.getByTestId('staff-new-login').focus();
    await typeEnter(page, 'zhao');
    await typeEnter(page, '赵六');
    await expect.poll(focus, WAIT).toBe('staff-new-role');
    await press(page, 'Enter');
    await expect.poll(focus, WAIT).toBe('staff-new-password');
    await typeEnter(page, 'short');
    // The server's rule, under the field.
    await seeText('staff-new-password-error', '密码至少 8 位，且须同时包含字母和数字。');
    await page.keyboard.press('Control+A');
    await typeEnter(page, 'temp-pass-1');
    await seeText('staff-created', '已新增 zhao。');
    await seeText('staff-zhao-standing', '在用待改密码');
    expect(await page.getByTestId('staff-zhao-role').inputValue()).toBe('clerk');
    // The same login again: refused under the login.
    await page.getByTestId('staff-new-login').focus();
    await typeEnter(page, 'zhao');
    await typeEnter(page, '赵六');
    await press(page, 'Enter');
    await typeEnter(page, 'temp-pass-1');
    await seeText('staff-new-login-error', '该登录名已被使用。');
  });

  it('changes the role, disables and enables; refuses the admin’s own account', async () => {
    await page.getByTestId('staff-zhao-role').selectOption('supervisor');
    await seeText('staff-zhao-said', '已将 zhao 的角色改为值班长。');
    await page.getByTestId('staff-zhao-toggle').focus();
    await press(page, 'Enter');
    await seeText('staff-zhao-standing', '已停用待改密码');
    const refused = await hostApi(host.url, browser).api('auth.signIn', { login: 'zhao', password: 'temp-pass-1' });
    expect(refused.ok).toBe(false);
    await page.getByTestId('staff-zhao-toggle').focus();
    await press(page, 'Enter');
    await seeText('staff-zhao-standing', '在用待改密码');
    await page.getByTestId('staff-admin-toggle').focus();
    await press(page, 'Enter');
    await seeText('staff-admin-said', '不能更改自己的角色或停用自己的账号，请由另一名管理员操作。');
    await seeText('staff-admin-standing', '在用');
  });

  it('resets a password: Escape cancels, Enter resets', async () => {
    await page.getByTestId('staff-zhao-reset').focus();
    await press(page, 'Enter');
    await expect.poll(focus, WAIT).toBe('staff-reset-password');
    await press(page, 'Escape');
    expect(await page.getByTestId('staff-reset-form').count()).toBe(0);
    await page.getByTestId('staff-zhao-reset').focus();
    await press(page, 'Enter');
    await expect.poll(focus, WAIT).toBe('staff-reset-password');
    await typeEnter(page, 'reset-pass-2');
    await seeText('staff-zhao-said', '已重置 zhao 的密码；其下次登录时须设置新密码。');
  });

  it('sets the idle lock, the scan sources and imports the catalog on the terminal page', async () => {
    await page.getByTestId('idle-minutes').focus();
    await press(page, 'Control+A');
    await typeEnter(page, '十二');
    await seeText('idle-minutes-error', '1 至 120 之间的整数（分钟）。');
    await press(page, 'Control+A');
    await typeEnter(page, '15');
    await seeText('idle-saved', '已保存：无操作 15 分钟后锁屏。');
    // The lock screen too.
    await press(page, 'Alt+L');
    await seeText('gate-terminal', '终端 T3101040007 · 12 号窗口');
    await page.keyboard.type(ADMIN.password);
    await press(page, 'Enter');
    await page.getByTestId('idle-minutes').waitFor(WAIT);
    expect((await hostApi(host.url, browser).must<{ idleLockMinutes: number }>('auth.session')).idleLockMinutes).toBe(15);

    await page.getByTestId('sources-escl').focus();
    await page.keyboard.type('10.0.0.7/eSCL');
    await page.getByTestId('sources-save').focus();
    await press(page, 'Enter');
    await seeText('sources-error', '“10.0.0.7/eSCL”不是以 http:// 或 https:// 开头的地址。');
    await page.getByTestId('sources-escl').focus();
    await press(page, 'Control+A');
    await page.keyboard.type('http://10.0.0.7/eSCL');
    await page.getByTestId('sources-save').focus();
    await press(page, 'Enter');
    await seeText('sources-saved', '扫描来源已保存。');

    await page.getByTestId('catalog-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"items": 3}') });
    await page.getByTestId('catalog-errors').waitFor(WAIT);
    await page.getByTestId('catalog-file').setInputFiles(SAMPLE);
    await seeText('catalog-imported', /^已导入 \d+ 个事项、\d+ 个套餐，日历年份：/);
    await page.screenshot({ path: join(process.env.ONEWINDOW_SCREENSHOTS ?? dataDir, 'terminal-admin.png'), fullPage: true });
  });

  it('the new member must change the reset password before anything else', async () => {
    await page.getByTestId('nav-signout').click();
    // The terminal page is public and stays at the sign-in gate: back to the sign-in form.
    await page.getByTestId('terminal-back').waitFor(WAIT);
    await press(page, 'Alt+1');
    await signIn('zhao', 'reset-pass-2');
    await page.getByTestId('password-forced').waitFor(WAIT);
    await expect.poll(focus, WAIT).toBe('password-current');
    expect(await page.getByTestId('nav-cases').count()).toBe(0);
    // The back end refuses other work too, not only the screen.
    const refused = await hostApi(host.url, browser).api('cases.list', {});
    expect(refused.error?.reason).toBe('password_change_required');
    await typeEnter(page, 'reset-pass-2');
    await typeEnter(page, 'reset-pass-2');
    await typeEnter(page, 'reset-pass-2');
    await seeText('password-next-error', '新密码不能与当前密码相同。');
    await page.getByTestId('password-next').fill('zhao-own-3');
    await page.getByTestId('password-repeat').fill('zhao-own-4');
    await page.getByTestId('password-repeat').press('Enter');
    await seeText('password-repeat-error', '两次输入的新密码不一致。');
    await page.getByTestId('password-repeat').fill('zhao-own-3');
    await page.getByTestId('password-repeat').press('Enter');
    await page.getByTestId('item-search').waitFor(WAIT);
    await seeText('who', '赵六（值班长）');
  });

  it('everyone changes their own password on the terminal page; every change is journaled', async () => {
    await press(page, 'Alt+3');
    await page.getByTestId('change-password').waitFor(WAIT);
    expect(await page.getByTestId('staff-admin').count()).toBe(0);
    await page.getByTestId('password-current').focus();
    await typeEnter(page, 'zhao-own-3');
    await typeEnter(page, 'zhao-own-5');
    await typeEnter(page, 'zhao-own-5');
    await seeText('password-changed', '密码已修改。');
    expect(journal()).toEqual([
      'catalog.import', // the sample catalog, at setup
      'staff.create staff:zhao',
      'staff.set_role staff:zhao',
      'staff.disable staff:zhao',
      'staff.enable staff:zhao',
      'staff.reset_password staff:zhao',
      'settings.idle_lock',
      'settings.scan_sources',
      'catalog.import',
      'staff.change_password staff:zhao',
      'staff.change_password staff:zhao',
    ]);
    expect(problems).toEqual([]);
  });
});
