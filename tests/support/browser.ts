import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './temp.js';

/** Debian's Chromium; override with CHROMIUM_PATH. Playwright's own browser download cannot work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A headless Chromium with a fresh profile folder. */
export async function launchBrowser(extraArgs: string[] = []): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launchPersistentContext(tempDir('onewindow-chromium-'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
}
