import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { focusedTestId, hostApi, press, typeEnter, WAIT } from './page-keys.js';

/**
 * What the scan-panel browser tests share: a terminal set up through the host API, the keyboard way
 * from the item search to the materials step (where the scan panel is), the pages in the strip as
 * the clerk sees them, the batch as the back end holds it, and page images made on the spot.
 */
export const ADMIN = { login: 'wang', displayName: '王𠮷', password: 'counter2026' };
export const ID = '11010519491231002X';
export const NAME = '王𠮷';
/** 户口迁入登记: six materials, found by the pinyin initials hkqr. */
export const ITEM = { query: 'hkqr', code: '310101-SH-JM-001' };

export interface BatchPage {
  id: number;
  pos: number;
  width: number;
  height: number;
  dpi: number;
  source: string;
  sourceName: string | null;
  blank: boolean;
  excluded: boolean;
  deleted: boolean;
  rotation: number;
  entryId: string | null;
}

/**
 * First run (once) and sign-in through the API (what these tests are not about), as this browser:
 * the host binds the session to the browser that signed in.
 */
export async function setUpTerminal(url: string, browser: BrowserContext): Promise<void> {
  const { must } = hostApi(url, browser);
  if ((await must<{ needsSetup: boolean }>('setup.status')).needsSetup) {
    await must('setup.init', { terminalCode: 'T3101040007', windowNo: '12', hall: '徐汇区行政服务中心', district: '徐汇区', admin: ADMIN, loadSampleCatalog: true });
  }
  await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
}

/**
 * From the item search to the materials step by keyboard, as a clerk does it. `returning`: the
 * applicant has a case already, so their details fill in from the ID number. Gives the intake's id
 * (the batch the scan panel shows).
 */
export async function intakeToMaterials(page: Page, returning: boolean): Promise<string> {
  await page.getByTestId('item-search').waitFor(WAIT);
  await expect.poll(() => focusedTestId(page), WAIT).toBe('item-search');
  await page.keyboard.type(ITEM.query);
  await page.getByTestId(`hit-${ITEM.code}`).waitFor(WAIT);
  await press(page, 'Enter');
  await page.getByTestId('applicant-idNumber').waitFor(WAIT);
  await expect.poll(() => focusedTestId(page), WAIT).toBe('applicant-idNumber');
  if (returning) {
    await page.keyboard.type(ID);
    await page.getByTestId('applicant-returning').waitFor(WAIT);
  } else {
    await typeEnter(page, ID);
    await expect.poll(() => focusedTestId(page), WAIT).toBe('applicant-name');
    await typeEnter(page, NAME);
    await typeEnter(page, '13812345678');
    await typeEnter(page, '上海市徐汇区漕溪北路 336 号');
  }
  await press(page, 'Control+Enter');
  await page.getByTestId('material-0').waitFor(WAIT);
  await expect.poll(() => focusedTestId(page), WAIT).toBe('material-0');
  const intakeId = (await page.getByTestId('scan-panel').getAttribute('data-intake-id', WAIT)) ?? '';
  expect(intakeId).toMatch(/^[0-9a-f-]{36}$/);
  return intakeId;
}

/** The page ids in the strip, in the order shown. */
export function stripIds(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="scan-pages"] [data-page-id]', (els) => els.map((e) => Number(e.getAttribute('data-page-id'))));
}

/** The batch as the back end holds it, in its order. */
export async function batchOf(url: string, browser: BrowserContext, intakeId: string): Promise<BatchPage[]> {
  return (await hostApi(url, browser).must<{ pages: BatchPage[] }>('scans.batch', { intakeId })).pages;
}

/** Pages that count for a material: neither deleted nor left out. */
export function countedFor(pages: readonly BatchPage[], entryId: string): number {
  return pages.filter((p) => p.entryId === entryId && !p.deleted && !p.excluded).length;
}

/** A PNG with something on it (noise: never taken for a blank page). */
export function notePng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 250, g: 250, b: 245 }, noise: { type: 'gaussian', mean: 120, sigma: 60 } } })
    .png()
    .toBuffer();
}

/**
 * Console errors and uncaught exceptions in the page, a CSP violation included, except the 4xx a
 * refusal logs (each test checks those on screen).
 */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
