/**
 * `npm run screens`: a screenshot of every screen at the counter PC's 1366×768 and at 1920×1080, in
 * zh-CN and en, into screens/ (git ignores it; SCREENS_DIR changes it), so a reviewer can look at each
 * screen without clicking through. It drives the built host (`npm run build` first; the npm script
 * does) in Debian's Chromium with the browser tests' flags, on throwaway stores, by keyboard as a
 * clerk would. Every wait is bounded; a screen that does not come fails the run with its name.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/browser.js';
import { startHostProcess, type HostProcess } from '../tests/support/host-process.js';

const OUT = resolve(process.env.SCREENS_DIR ?? join(import.meta.dirname, '..', 'screens'));
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LANGS = ['zh-CN', 'en'] as const;
const ADMIN = { login: 'admin', displayName: '管理员', password: 'admin-pass-1' };
const WAIT = { timeout: 20_000 };
// Sample data only: a made-up applicant with a valid check digit.
const APPLICANT = { id: '11010519491231002X', name: '王𠮷', phone: '13812345678' };

async function call(host: HostProcess, name: string, input: object = {}): Promise<unknown> {
  const res = await fetch(`${host.url}api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input), signal: AbortSignal.timeout(15_000) });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  if (!r.ok) throw new Error(`${name} failed: ${r.error?.code ?? res.status}`);
  return r.value;
}

async function shoot(page: Page, lang: string, size: { width: number; height: number }, name: string): Promise<void> {
  // Let fonts and the last render settle on a state, not a time: the document's fonts are ready.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const file = join(OUT, `${lang}-${size.width}x${size.height}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
}

async function step(what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    throw new Error(`screen "${what}": ${(err as Error).message.split('\n')[0] ?? ''}`, { cause: err });
  }
}

async function signIn(page: Page, password = ADMIN.password): Promise<void> {
  await page.getByTestId('signin-login').waitFor(WAIT);
  await page.getByTestId('signin-login').fill(ADMIN.login);
  await page.getByTestId('signin-password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('item-search').waitFor(WAIT);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dirs: string[] = [];
  const temp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'onewindow-screens-'));
    dirs.push(d);
    return d;
  };
  const hosts: HostProcess[] = [];
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // First run: the setup screen, before any account exists.
    const fresh = await startHostProcess(['--data', temp(), '--terminal', 'T3101040007', '--window', '12']);
    hosts.push(fresh);
    for (const lang of LANGS) {
      await call(fresh, 'settings.setLanguage', { language: lang });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await step('setup', async () => {
          await page.goto(fresh.url);
          await page.getByTestId('setup-terminalCode').waitFor(WAIT);
          await shoot(page, lang, size, '01-setup');
        });
      }
    }

    const host = await startHostProcess(['--data', temp(), '--terminal', 'T3101040007', '--window', '12', '--hall', '徐汇区行政服务中心', '--district', '徐汇区']);
    hosts.push(host);
    await call(host, 'setup.init', { terminalCode: 'T3101040007', windowNo: '12', hall: '徐汇区行政服务中心', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
    for (const lang of LANGS) {
      await call(host, 'settings.setLanguage', { language: lang });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(`${host.url}#/intake`);
        await page.reload();
        await step('sign-in', async () => {
          await page.getByTestId('signin-login').waitFor(WAIT);
          await shoot(page, lang, size, '02-sign-in');
          await signIn(page);
        });
        await step('intake: item', async () => {
          await page.getByTestId('item-search').focus();
          await page.keyboard.type('居住证');
          await page.getByTestId('hit-310101-SH-JM-004').waitFor(WAIT);
          await shoot(page, lang, size, '03-intake-item');
          await page.getByTestId('hit-310101-SH-JM-004').click();
        });
        await step('intake: applicant', async () => {
          await page.getByTestId('applicant-idNumber').waitFor(WAIT);
          await page.getByTestId('applicant-idNumber').fill(APPLICANT.id);
          await page.getByTestId('applicant-name').fill(APPLICANT.name);
          await page.getByTestId('applicant-phone').fill(APPLICANT.phone);
          await shoot(page, lang, size, '04-intake-applicant');
          await page.keyboard.press('Control+Enter');
        });
        await step('intake: materials', async () => {
          await page.getByTestId('material-0').waitFor(WAIT);
          await shoot(page, lang, size, '05-intake-materials');
          await page.keyboard.press('Control+Enter');
        });
        await step('intake: outcome', async () => {
          await page.getByTestId('outcome-accept').waitFor(WAIT);
          await shoot(page, lang, size, '06-intake-outcome');
          await page.keyboard.press('Control+Enter');
        });
        await step('intake: summary', async () => {
          await page.getByTestId('summary').waitFor(WAIT);
          await shoot(page, lang, size, '07-intake-summary');
          await page.getByTestId('summary-confirm').press('Enter');
        });
        let caseNo = '';
        await step('intake: done', async () => {
          await page.getByTestId('done').waitFor(WAIT);
          caseNo = ((await page.getByTestId('done-caseNo').textContent(WAIT)) ?? '').trim();
          await shoot(page, lang, size, '08-intake-done');
        });
        await step('cases', async () => {
          await page.keyboard.press('Alt+2');
          await page.getByTestId(`case-row-${caseNo}`).waitFor(WAIT);
          await shoot(page, lang, size, '09-cases');
        });
        await step('case detail', async () => {
          await page.goto(`${host.url}#/cases/${caseNo}`);
          await page.getByTestId('case-detail').waitFor(WAIT);
          await shoot(page, lang, size, '10-case-detail');
        });
        await step('terminal (admin)', async () => {
          await page.keyboard.press('Alt+3');
          await page.getByTestId('staff-admin').waitFor(WAIT);
          await page.getByTestId('staff-list').waitFor(WAIT);
          await shoot(page, lang, size, '11-terminal-admin');
        });
        await step('sync', async () => {
          await page.keyboard.press('Alt+4');
          await page.getByTestId('sync-screen').waitFor(WAIT);
          await shoot(page, lang, size, '12-sync');
        });
        await step('lock', async () => {
          await page.keyboard.press('Alt+1');
          await page.keyboard.press('Alt+L');
          await page.getByTestId('lock-screen').waitFor(WAIT);
          await shoot(page, lang, size, '13-lock');
          await page.keyboard.type(ADMIN.password);
          await page.keyboard.press('Enter');
          await page.getByTestId('nav-signout').waitFor(WAIT);
        });
        await step('forced password change', async () => {
          const login = `c${lang === 'en' ? 'en' : 'zh'}${size.width}`;
          await page.goto(`${host.url}#/terminal`);
          await page.getByTestId('staff-new-login').waitFor(WAIT);
          await page.getByTestId('staff-new-login').fill(login);
          await page.getByTestId('staff-new-name').fill('赵六');
          await page.getByTestId('staff-new-password').fill('temp-pass-1');
          await page.getByTestId('staff-new-password').press('Enter');
          await page.getByTestId('staff-created').waitFor(WAIT);
          await page.getByTestId('nav-signout').click();
          await page.getByTestId('terminal-back').waitFor(WAIT);
          await page.keyboard.press('Alt+1');
          await page.getByTestId('signin-login').waitFor(WAIT);
          await page.getByTestId('signin-login').fill(login);
          await page.getByTestId('signin-password').fill('temp-pass-1');
          await page.keyboard.press('Enter');
          await page.getByTestId('password-forced').waitFor(WAIT);
          await shoot(page, lang, size, '14-password-forced');
          await call(host, 'auth.signOut');
          await page.reload();
        });
      }
    }
  } finally {
    await browser.close();
    for (const h of hosts) await h.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exitCode = 1;
});
