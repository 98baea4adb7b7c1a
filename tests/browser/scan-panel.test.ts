import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, hostApi, press as pressKeys, seeText as seeTextIn, WAIT } from '../support/page-keys.js';
import { scanHold } from '../support/scan-hold.js';
import { batchOf, countedFor, intakeToMaterials, ITEM, notePng, setUpTerminal, stripIds, watchProblems, type BatchPage } from '../support/scan-page.js';

/**
 * The scan panel in Chromium through the real host and SANE's `test` backend (device test:0, whose
 * "Automatic Document Feeder" runs empty after 10 sheets; scripts/enable-sane-test.sh enables it):
 * the clerk picks the scanner and profile (saved for the terminal), scans the feeder by keyboard and
 * watches the pages arrive one by one, puts them in order, turns, deletes and restores, leaves one
 * out and takes it back, assigns them to two materials and sees the counts on the checklist, and
 * submits: the case has the pages. Then a file import, a refused file, and, after a "restart" (a
 * reload), the offer to continue a batch left behind, or discard one.
 *
 * The host scans through a scanimage whose feeder the tests hold after a few sheets and let go
 * (tests/support/scan-hold.ts): "pages arrive one by one" and "Esc while it scans" are states the
 * tests set up and wait for, whatever the machine's load, not races against the scanner's speed.
 *
 * The tests run in order on one page and one store, as a clerk's day does. Every wait is bounded.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
/** A cold `scanimage -L` probes every installed backend: seconds, not milliseconds. */
const LIST_WAIT = { timeout: 30_000 };
/** Ten pages from the test backend, each stored (sharp) as it arrives. */
const SCAN_WAIT = { timeout: 60_000 };
/** Low, to be quick: the feeder's ten pages in about a second. */
const DPI = 100;

describe('scan panel in Chromium through the host, scanning from SANE test:0', () => {
  let host: HostProcess;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[] = [];
  const hold = scanHold();
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-scan-panel-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;
  let intakeId = '';
  let entries: { id: string }[] = [];
  /** The ten scanned pages' ids, in the order they came from the feeder. */
  let fed: number[] = [];

  const focus = (): Promise<string | null> => focusedTestId(page);
  const focusedPageId = (): Promise<number> => page.evaluate(() => Number(document.activeElement?.getAttribute('data-page-id') ?? NaN));
  const press = (...keys: string[]): Promise<void> => pressKeys(page, ...keys);
  const seeText = (testId: string, expected: string | RegExp, how: 'be' | 'contain' = 'be', wait = WAIT): Promise<void> => seeTextIn(page, testId, expected, how, wait);
  const api = () => hostApi(host.url, browser);
  const batch = (): Promise<BatchPage[]> => batchOf(host.url, browser, intakeId);
  const pageOf = async (id: number): Promise<BatchPage> => {
    const p = (await batch()).find((x) => x.id === id);
    if (!p) throw new Error(`page ${id} is not in the batch`);
    return p;
  };

  beforeAll(async () => {
    const said = execFileSync('bash', [join(ROOT, 'scripts', 'enable-sane-test.sh')], { encoding: 'utf8', timeout: 30_000 });
    expect(said).toMatch(/test backend (already )?enabled/);
    host = await startHostProcess(['--data', dataDir], undefined, hold.env);
    browser = await launchBrowser();
    await setUpTerminal(host.url, browser);
    const checklist = await api().must<{ entries: { id: string }[] }>('catalog.checklist', { target: { itemCodes: [ITEM.code] } });
    entries = checklist.entries;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    page = await browser.newPage();
    problems = await watchProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    hold.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the materials step has the scan panel; P goes into it; the scanner and profile are chosen and saved for the terminal', async () => {
    await page.goto(host.url);
    intakeId = await intakeToMaterials(page, false);
    await page.getByTestId('scan-panel').waitFor(WAIT);
    await seeText('scan-pages-none', '还没有页面：请扫描、导入文件或使用高拍仪。');
    // The rows keep their letters: P on a row goes into the panel (no pages yet: onto Scan).
    await press('p');
    await expect.poll(focus, WAIT).toBe('scan-start');
    await seeText('scan-start', '扫描 S');

    // The slow first listing, then test:0 with what it offers.
    await expect.poll(() => page.getByTestId('scan-device').locator('option[value="sane:test:0"]').count(), LIST_WAIT).toBe(1);
    expect(await page.getByTestId('scan-devices-loading').count()).toBe(0);
    await page.getByTestId('scan-device').selectOption('sane:test:0');
    await expect.poll(() => page.getByTestId('scan-source').locator('option[value="feeder"]').count(), LIST_WAIT).toBe(1);
    await page.getByTestId('scan-source').selectOption('feeder');
    await expect.poll(() => page.getByTestId('scan-resolution').locator(`option[value="${DPI}"]`).count(), WAIT).toBe(1);
    await page.getByTestId('scan-resolution').selectOption(String(DPI));
    await page.getByTestId('scan-mode').selectOption('gray');
    expect(await page.getByTestId('scan-source').locator('option[value="feeder"]').textContent()).toBe('自动进纸器');

    // Saved for this terminal as chosen.
    await expect.poll(() => api().must('scans.profile'), WAIT).toEqual({ driver: 'sane', device: 'test:0', resolution: DPI, mode: 'gray', source: 'feeder' });
  });

  it('S scans the feeder: ten pages appear one by one, with progress, in feed order', async () => {
    // The feeder holds after four sheets: those four must be in the strip while the scan goes on.
    hold.holdAfter(4);
    await page.getByTestId('scan-start').focus();
    await press('s');
    await expect.poll(() => hold.held(), SCAN_WAIT).toBe(true);
    await expect.poll(async () => (await stripIds(page)).length, WAIT).toBe(4);
    await seeText('scan-arrived', '已收到 4 页');
    await seeText('scan-progress-text', /^正在扫描第 5 页… \d+%$/);
    expect(await page.getByTestId('scan-done').count()).toBe(0);
    hold.release();
    await seeText('scan-done', '扫描完成：新增 10 页。', 'be', SCAN_WAIT);
    hold.noHold();

    const stored = await batch();
    expect(stored).toHaveLength(10);
    expect(stored.map((p) => p.pos)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stored.every((p) => p.source === 'sane' && p.dpi === DPI && !p.deleted)).toBe(true);
    fed = stored.map((p) => p.id);
    expect([...fed].sort((a, b) => a - b)).toEqual(fed); // stored in the order fed
    expect(await stripIds(page)).toEqual(fed);
    await seeText('scan-count', '共 10 页');
    // Every thumbnail is a real picture (data: URL under the CSP), not a placeholder.
    await expect
      .poll(() => page.$$eval('[data-testid="scan-pages"] img', (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0 && (i as HTMLImageElement).src.startsWith('data:image/jpeg;base64,')).length), WAIT)
      .toBe(10);
    await seeText('scan-start', '继续扫描 N');
    await page.screenshot({ path: `${shots}/scan-panel-scanned.png`, fullPage: true });
  });

  it('reorders by keyboard, turns a page, deletes and restores, leaves one out and takes it back', async () => {
    const [a, b, c, d] = fed as [number, number, number, number];
    await press('Home');
    await expect.poll(focus, WAIT).toBe('scan-page-0');
    expect(await focusedPageId()).toBe(a);

    // Ctrl+→ twice: the first page goes to third place, and the focus goes with it.
    await press('Control+ArrowRight', 'Control+ArrowRight');
    await expect.poll(() => stripIds(page), WAIT).toEqual([b, c, a, ...fed.slice(3)]);
    expect(await focusedPageId()).toBe(a);
    await expect.poll(async () => (await batch()).map((p) => p.id), WAIT).toEqual([b, c, a, ...fed.slice(3)]);
    await press('Control+ArrowLeft');
    await expect.poll(async () => (await batch()).map((p) => p.id), WAIT).toEqual([b, a, c, ...fed.slice(3)]);

    // R turns the page 90° clockwise: a new image, its sides swapped.
    const before = await pageOf(a);
    await press('r');
    await expect.poll(async () => (await pageOf(a)).rotation, WAIT).toBe(90);
    const turned = await pageOf(a);
    expect([turned.width, turned.height]).toEqual([before.height, before.width]);
    await expect.poll(() => page.locator(`[data-page-id="${a}"]`).getAttribute('data-rotation'), WAIT).toBe('90');
    const thumb = page.locator(`[data-page-id="${a}"] img`);
    await expect.poll(() => thumb.evaluate((i) => (i as HTMLImageElement).naturalWidth > (i as HTMLImageElement).naturalHeight), WAIT).toBe(before.width < before.height);

    // Delete marks the page deleted (recoverable); Delete again restores it; then it goes for good.
    await press('ArrowRight'); // onto c
    expect(await focusedPageId()).toBe(c);
    await press('Delete');
    await expect.poll(async () => (await pageOf(c)).deleted, WAIT).toBe(true);
    expect(await page.locator(`[data-page-id="${c}"]`).getAttribute('data-deleted')).toBe('true');
    await seeText('scan-count', '共 9 页');
    await seeText('scan-delete', '恢复 Delete');
    await press('Delete');
    await expect.poll(async () => (await pageOf(c)).deleted, WAIT).toBe(false);
    await seeText('scan-count', '共 10 页');
    await press('Delete');
    await expect.poll(async () => (await pageOf(c)).deleted, WAIT).toBe(true);

    // X leaves a page out of its material and takes it back.
    await press('ArrowRight'); // onto d
    expect(await focusedPageId()).toBe(d);
    await press('x');
    await expect.poll(async () => (await pageOf(d)).excluded, WAIT).toBe(true);
    expect(await page.locator(`[data-page-id="${d}"]`).getAttribute('data-excluded')).toBe('true');
    await press('x');
    await expect.poll(async () => (await pageOf(d)).excluded, WAIT).toBe(false);
    expect(problems).toEqual([]);
  });

  it('drags a page to another place (HTML5 drag and drop)', async () => {
    const order = await stripIds(page);
    const last = order[order.length - 1]!;
    await page.locator(`[data-page-id="${last}"]`).dragTo(page.locator(`[data-page-id="${order[0]}"]`), { targetPosition: { x: 5, y: 40 }, ...WAIT });
    const expected = [last, ...order.slice(0, -1)];
    await expect.poll(() => stripIds(page), WAIT).toEqual(expected);
    await expect.poll(async () => (await batch()).map((p) => p.id), WAIT).toEqual(expected);
  });

  it('assigns pages to two materials with 1 and 2; the checklist shows the page counts', async () => {
    // The first three pages to material 1 (Shift+→ extends the choice), the rest to material 2.
    await page.getByTestId('scan-page-0').click(); // after the drag, back to the keys
    await press('Home', 'Shift+ArrowRight', 'Shift+ArrowRight');
    await seeText('scan-chosen', '已选 3 页');
    await press('1');
    await press('ArrowRight', 'Shift+End');
    await seeText('scan-chosen', '已选 7 页');
    await press('2');
    const [first, second] = entries as [{ id: string }, { id: string }];
    await expect.poll(async () => (await batch()).filter((p) => !p.deleted && p.entryId === null).length, WAIT).toBe(0);
    const stored = await batch();
    const n1 = countedFor(stored, first.id);
    const n2 = countedFor(stored, second.id);
    expect(n1).toBe(3);
    expect(n1 + n2).toBe(stored.filter((p) => !p.deleted && !p.excluded).length);
    expect(stored.find((p) => p.deleted)?.entryId).toBeNull(); // a deleted page is left as it was
    await seeText('material-0-scanned', `已扫描 ${n1} 页`);
    await seeText('material-1-scanned', `已扫描 ${n2} 页`);
    expect(await page.getByTestId('material-2-scanned').count()).toBe(0);
    await seeText('scan-page-0-material', '1');
    await page.screenshot({ path: `${shots}/scan-panel-assigned.png`, fullPage: true });
  });

  it('Enter shows the chosen page large; ←/→ go through the pages; Esc closes it and the focus is back on the page', async () => {
    const order = await stripIds(page);
    await press('Home', 'ArrowRight');
    await expect.poll(focus, WAIT).toBe('scan-page-1');
    await press('Enter');
    await page.getByTestId('scan-preview').waitFor(WAIT);
    expect(Number(await page.getByTestId('scan-preview').getAttribute('data-page-id'))).toBe(order[1]);
    const full = await pageOf(order[1]!);
    // The stored image at its full size, not the thumbnail.
    await expect.poll(() => page.getByTestId('scan-preview-image').evaluate((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight]), WAIT).toEqual([full.width, full.height]);
    await seeText('scan-preview-size', `${full.width} × ${full.height} 像素，${DPI} dpi`);
    await press('ArrowRight');
    await expect.poll(() => page.getByTestId('scan-preview').getAttribute('data-page-id'), WAIT).toBe(String(order[2]));
    await press('Escape');
    await page.getByTestId('scan-preview').waitFor({ state: 'detached', ...WAIT });
    expect(await focusedPageId()).toBe(order[2]);
    expect(await page.getByTestId('scan-panel').count()).toBe(1); // Esc closed the view, not the step
  });

  it('Esc goes back to the checklist; the intake is submitted and the case has the pages', async () => {
    await press('Escape');
    await expect.poll(focus, WAIT).toBe('material-0');
    await press('Control+Enter');
    await page.getByTestId('outcome-accept').waitFor(WAIT);
    await press('Enter');
    await page.getByTestId('summary').waitFor(WAIT);
    await expect.poll(focus, WAIT).toBe('summary-confirm');
    await press('Enter');
    await page.getByTestId('done').waitFor({ timeout: 15_000 });
    const caseNo = (await page.getByTestId('done-caseNo').textContent(WAIT)) ?? '';
    expect(caseNo).toMatch(/^T3101040007-\d{8}-0001$/);

    const [first, second] = entries as [{ id: string }, { id: string }];
    const detail = await api().must<{ materials: { entryId: string; scannedPages: number }[] }>('cases.get', { caseNo });
    const scanned = Object.fromEntries(detail.materials.map((m) => [m.entryId, m.scannedPages]));
    const kept = await batch();
    expect(kept.some((p) => p.deleted)).toBe(false); // deleted pages go for good on submit
    expect(scanned[first.id]).toBe(3);
    expect(scanned[second.id]).toBe(countedFor(kept, second.id));
    expect(scanned[second.id]).toBeGreaterThan(0);
    const open = await api().must<{ batches: { intakeId: string }[] }>('scans.openBatches');
    expect(open.batches.map((b) => b.intakeId)).not.toContain(intakeId);
    expect(problems).toEqual([]);
  });

  it('I imports a file; a text file renamed .jpg is refused in words and adds nothing', async () => {
    await expect.poll(focus, WAIT).toBe('new-intake');
    await press('Enter');
    intakeId = await intakeToMaterials(page, true);
    await press('p');
    await expect.poll(focus, WAIT).toBe('scan-start');
    // The saved profile is there in the next intake.
    await expect.poll(() => page.getByTestId('scan-source').inputValue(), LIST_WAIT).toBe('feeder');

    const png = await notePng(640, 480);
    // Playwright starts catching file choosers when one is awaited; a round trip makes sure it has, before I.
    const choosing = page.waitForEvent('filechooser', WAIT);
    await page.evaluate(() => 0);
    await press('i');
    const chooser = await choosing;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: '身份证复印件.png', mimeType: 'image/png', buffer: png });
    await seeText('import-added', '导入完成：新增 1 页。', 'be', { timeout: 15_000 });
    await expect.poll(() => stripIds(page), WAIT).toHaveLength(1);
    const [imported] = await batch();
    expect(imported).toMatchObject({ source: 'file', sourceName: '身份证复印件.png', width: 640, height: 480, deleted: false });
    expect(await page.getByTestId('scan-page-0').getAttribute('data-source')).toBe('file');

    await page.getByTestId('scan-file-input').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('This is a text file, not a picture.\n'.repeat(20)) });
    await seeText('import-error-0-text', '这不是可用的图片或 PDF 文件（支持 JPEG、PNG、TIFF、WebP 和 PDF）。', 'be', { timeout: 15_000 });
    await seeText('import-error-0', 'fake.jpg 未导入', 'contain');
    expect(await page.getByTestId('import-added').count()).toBe(0);
    expect(await batch()).toHaveLength(1);
    expect(await stripIds(page)).toHaveLength(1);
    await page.screenshot({ path: `${shots}/scan-panel-import-refused.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('after a restart, a batch left behind is offered: one is discarded (confirmed), the other continued with its pages', async () => {
    const leftOver = intakeId; // the intake above, never submitted
    const crashed = randomUUID();
    const jpeg = await sharp(await notePng(300, 400)).jpeg().toBuffer();
    for (const name of ['left-1.jpg', 'left-2.jpg']) {
      await api().must('scans.import', { intakeId: crashed, source: 'file', fileName: name, dataBase64: jpeg.toString('base64') });
    }

    await page.reload();
    await page.getByTestId('item-search').waitFor({ timeout: 10_000 });
    await page.getByTestId('scan-recovery').waitFor(WAIT);
    await seeText(`scan-recovery-${crashed}-what`, /^2 页，由 wang 扫描/);
    await seeText(`scan-recovery-${leftOver}-what`, /^1 页，由 wang 扫描/);

    // Discard asks first; "keep" keeps.
    await page.getByTestId(`scan-recovery-discard-${leftOver}`).focus();
    await press('Enter');
    await expect.poll(focus, WAIT).toBe('scan-recovery-discard-confirm');
    await press('Escape');
    await page.getByTestId(`scan-recovery-discard-${leftOver}`).waitFor(WAIT);
    expect((await api().must<{ batches: { intakeId: string }[] }>('scans.openBatches')).batches.map((b) => b.intakeId)).toContain(leftOver);
    await page.getByTestId(`scan-recovery-discard-${leftOver}`).focus();
    await press('Enter');
    await expect.poll(focus, WAIT).toBe('scan-recovery-discard-confirm');
    await press('Enter');
    await page.getByTestId(`scan-recovery-${leftOver}`).waitFor({ state: 'detached', ...WAIT });
    expect((await api().must<{ batches: { intakeId: string }[] }>('scans.openBatches')).batches.map((b) => b.intakeId)).not.toContain(leftOver);

    // Continue: the intake takes the batch's id; its pages are in the materials step.
    await page.getByTestId(`scan-recovery-continue-${crashed}`).focus();
    await press('Enter');
    await seeText('intake-resumed', '继续之前未完成的受理：已扫描的 2 页已保留，在“材料”一步中显示。');
    expect(await page.getByTestId('scan-recovery').count()).toBe(0);
    intakeId = await intakeToMaterials(page, true);
    expect(intakeId).toBe(crashed);
    await expect.poll(() => stripIds(page), WAIT).toHaveLength(2);
    await expect.poll(() => page.$$eval('[data-testid="scan-pages"] img', (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), WAIT).toBe(2);
    expect(await stripIds(page)).toEqual((await batchOf(host.url, browser, crashed)).map((p) => p.id));
    expect(problems).toEqual([]);
  });

  it('Esc asks the back end to cancel the scan in progress; the pages stored before it stay and are shown', async () => {
    // The feeder holds after two sheets, so the scan is still going when Esc comes, on any machine.
    const before = (await batch()).length;
    hold.holdAfter(2);
    await page.getByTestId('scan-start').focus();
    await press('n');
    await expect.poll(() => hold.held(), SCAN_WAIT).toBe(true);
    await expect.poll(async () => (await stripIds(page)).length, WAIT).toBe(before + 2);
    await page.getByTestId('scan-progress').waitFor(WAIT);
    // The scan button keeps the focus while it scans (aria-disabled, not disabled), so Esc reaches the panel.
    await expect.poll(focus, WAIT).toBe('scan-start');
    // Every text of the progress line from here on is kept: "cancelling" shows only until the back end
    // has stopped the scan, which may be sooner than a poll could look.
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { progressSaid: string[] }).progressSaid = said;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="scan-progress-text"]')?.textContent;
        if (text && said.at(-1) !== text) said.push(text);
      }).observe(document.querySelector('[data-testid="scan-panel"]')!, { childList: true, subtree: true, characterData: true });
    });
    const cancelled = page.waitForResponse((r) => r.url().endsWith('/api/scans.cancel'), WAIT);
    await press('Escape');
    const answer = await cancelled;
    expect(answer.request().postDataJSON()).toEqual({ intakeId });
    expect(await answer.json()).toEqual({ ok: true, value: { cancelled: true } }); // a scan was running to cancel
    // Pages scanimage finished while held are never passed on: the batch ends cancelled after exactly two.
    await seeText('scan-done', '扫描已取消：取消前的 2 页已保留。', 'be', SCAN_WAIT);
    expect(await page.evaluate(() => (window as unknown as { progressSaid: string[] }).progressSaid)).toContain('正在取消，已扫描的页面会保留…');
    const stored = await batch();
    expect(stored).toHaveLength(before + 2);
    await expect.poll(() => stripIds(page), WAIT).toEqual(stored.map((p) => p.id));
    expect(stored.filter((p) => p.source === 'sane').every((p) => p.dpi === DPI)).toBe(true);
    expect(await page.getByTestId('scan-progress').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
