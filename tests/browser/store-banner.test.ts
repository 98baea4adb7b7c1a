import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { fillDisk, mountSmallDisk } from '../support/full-disk.js';
import { startHostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';
import { waitFor } from '../support/wait.js';

/** The shell's banner for a read-only store: the built host on a real 4 MB tmpfs (root only), filled up and freed. */
describe('store banner in Chromium through the host', () => {
  it('says the terminal is read-only while the disk is full, and goes away by itself once there is room', async () => {
    const dataDir = tempDir();
    const unmount = mountSmallDisk(dataDir);
    // Everything on the small disk stops before it is unmounted, and that before tempDir removes the folder.
    const host = await startHostProcess(['--data', dataDir, '--terminal', 'T3101040007', '--window', '12']).catch((err: unknown) => {
      unmount();
      throw err;
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.locator('.app-header h1').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('store-banner').count()).toBe(0);

      const filler = fillDisk(dataDir);
      // Journaled writes (the language, set to what it is) until one no longer fits.
      const full = await waitFor(async () => {
        const r = await fetch(`${host.url}api/settings.setLanguage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"language":"zh-CN"}' });
        const body = (await r.json()) as { ok: boolean; error?: { reason?: string } };
        return !body.ok && body.error?.reason === 'disk_full';
      }, 30_000, 5);
      expect(full, 'no write failed with disk_full').toBe(true);
      const banner = page.getByTestId('store-banner');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toContain('本机磁盘已满：一窗通处于只读状态');

      rmSync(filler);
      await banner.waitFor({ state: 'detached', timeout: 20_000 });
      expect(await page.getByTestId('store-banner').count()).toBe(0);
    } finally {
      await browser.close();
      await host.stop();
      unmount();
    }
  }, 90_000);
});
