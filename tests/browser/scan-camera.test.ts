import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { focusedTestId, press as pressKeys, seeText as seeTextIn, WAIT } from '../support/page-keys.js';
import { batchOf, intakeToMaterials, setUpTerminal, watchProblems } from '../support/scan-page.js';

/**
 * The document camera (高拍仪) path in Chromium through the real host, with Chromium's fake camera
 * (`--use-fake-device-for-media-stream`, and `--use-fake-ui-for-media-stream` to answer the
 * permission prompt yes): C opens the live picture at the camera's largest size, Space takes the
 * page at that full resolution into the batch (source camera), Esc closes the view and switches the
 * camera off. Without a camera, and with the permission refused, the clerk reads why.
 *
 * Every wait is bounded.
 */
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Keeps every stream the page opens, so the test can see that closing the view stopped its tracks. */
async function keepStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const s = await original(c);
      streams.push(s);
      return s;
    };
  });
}

describe('document camera in Chromium through the host', () => {
  let host: HostProcess;
  const browsers: BrowserContext[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-scan-camera-'));
  const shots = process.env.ONEWINDOW_SCREENSHOTS ?? dataDir;

  /** A page of a browser launched with `args`, signed in, in the materials step, focus in the scan panel. */
  async function atPanel(args: string[]): Promise<{ page: Page; intakeId: string; problems: string[] }> {
    const browser = await launchBrowser(args);
    browsers.push(browser);
    await setUpTerminal(host.url, browser);
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await keepStreams(page);
    await page.goto(host.url);
    const intakeId = await intakeToMaterials(page, false);
    await pressKeys(page, 'p');
    await expect.poll(() => focusedTestId(page), WAIT).toBe('scan-start');
    return { page, intakeId, problems };
  }

  beforeAll(async () => {
    host = await startHostProcess(['--data', dataDir]);
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('C shows the camera at its full size; Space takes the page at that size into the batch; Esc switches the camera off', async () => {
    const { page, intakeId, problems } = await atPanel(FAKE_CAMERA);
    await pressKeys(page, 'c');
    await page.getByTestId('camera-view').waitFor(WAIT);
    const shown = page.getByTestId('camera-resolution');
    await shown.waitFor({ timeout: 10_000 });
    // What the track really delivers (asked for 4096×3072 as an ideal, so the largest the camera has).
    const track = await page.evaluate(() => {
      const s = (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams[0]?.getVideoTracks()[0]?.getSettings();
      return { width: s?.width ?? 0, height: s?.height ?? 0 };
    });
    expect(track.width).toBeGreaterThan(640); // not the 640×480 a camera gives when nothing is asked
    expect(Number(await shown.getAttribute('data-width'))).toBe(track.width);
    expect(Number(await shown.getAttribute('data-height'))).toBe(track.height);
    await seeTextIn(page, 'camera-resolution', `${track.width} × ${track.height} 像素`, 'contain');
    await expect.poll(() => page.getByTestId('camera-video').evaluate((v) => (v as HTMLVideoElement).videoWidth), WAIT).toBe(track.width);
    await page.screenshot({ path: `${shots}/scan-camera-live.png`, fullPage: true });

    await pressKeys(page, 'Space');
    await seeTextIn(page, 'import-added', '拍摄完成：新增 1 页。', 'be', { timeout: 15_000 });
    // The view stays open for the next page.
    expect(await page.getByTestId('camera-view').count()).toBe(1);
    const [stored, ...rest] = await batchOf(host.url, page.context(), intakeId);
    expect(rest).toHaveLength(0);
    expect(stored).toMatchObject({ source: 'camera', width: track.width, height: track.height, deleted: false });
    expect(stored?.sourceName).toMatch(/^camera-\d{8}-\d{6}\.jpg$/);

    await pressKeys(page, 'Escape');
    await page.getByTestId('camera-view').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => focusedTestId(page), WAIT).toBe('scan-camera');
    // Every track the view opened is stopped (the camera's light goes off).
    const states = await page.evaluate(() => (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((s) => s.getTracks().map((t) => t.readyState)));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'ended')).toBe(true);
    // The Esc closed the camera only: the intake is still at the materials step.
    expect(await page.getByTestId('scan-panel').count()).toBe(1);
    await expect.poll(() => page.$$eval('[data-testid="scan-pages"] [data-source="camera"]', (els) => els.length), WAIT).toBe(1);
    expect(problems).toEqual([]);
  });

  it('permission refused: the clerk is told to allow the camera, and nothing is added', async () => {
    // The fake camera is there, but nothing answers the permission prompt: headless Chromium refuses.
    const { page, intakeId } = await atPanel(['--use-fake-device-for-media-stream']);
    await pressKeys(page, 'c');
    const problem = page.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.getAttribute('data-problem')).toBe('denied');
    await seeTextIn(page, 'camera-problem', '本机不允许使用摄像头。请为本应用开启摄像头权限（联系信息管理员）后重新打开。', 'contain');
    expect(await page.getByTestId('camera-capture').isDisabled()).toBe(true);
    await pressKeys(page, 'Escape');
    await page.getByTestId('camera-view').waitFor({ state: 'detached', ...WAIT });
    expect(await batchOf(host.url, page.context(), intakeId)).toHaveLength(0);
  });

  it('no camera at all: the clerk is told to plug one in', async () => {
    const { page } = await atPanel(['--use-fake-ui-for-media-stream']);
    await pressKeys(page, 'c');
    const problem = page.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.getAttribute('data-problem')).toBe('none');
    await seeTextIn(page, 'camera-problem', '没有连接摄像头。请插好高拍仪（或检查连接线）后重新打开。', 'contain');
  });
});
