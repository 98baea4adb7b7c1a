import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Keyboard and reading helpers the browser tests share: the counter works by keyboard, so do they.

/**
 * The bound of a wait on something the page will show. A wait ends as soon as it holds, so the bound
 * costs nothing when all is well; it is generous because a loaded machine (CI, or the flake proof
 * under stress-ng) can take seconds for a round trip and a render.
 */
export const WAIT = { timeout: 15_000 };

export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Waits (bounded) until the element shows the text: a re-render may still be on its way. */
export async function seeText(
  scope: Page | Locator,
  testId: string,
  expected: string | RegExp,
  how: 'be' | 'contain' = 'be',
  wait: { timeout: number } = WAIT,
): Promise<void> {
  const now = (): Promise<string | null> => scope.getByTestId(testId).textContent({ timeout: 1_000 }).catch(() => null);
  if (expected instanceof RegExp) await expect.poll(now, wait).toMatch(expected);
  else if (how === 'contain') await expect.poll(now, wait).toContain(expected);
  else await expect.poll(now, wait).toBe(expected);
}

export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const k of keys) await page.keyboard.press(k);
}

/** Types into the focused field, then presses Enter (the counter's way from field to field). */
export async function typeEnter(page: Page, value: string): Promise<void> {
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

export interface ApiAnswer<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string; reason?: string; message?: string; field?: string };
}

/**
 * Calls the host's HTTP API directly (for setup the test is not about), as the browser: through the
 * browser context's own request client, which shares its cookies. The host binds the session to the
 * browser that signed in (an HttpOnly cookie), so a sign-in here signs the page in, and the page's
 * sign-in is what these calls act as.
 */
export function hostApi(baseUrl: string, browser: BrowserContext): { api: <T = unknown>(name: string, input?: object) => Promise<ApiAnswer<T>>; must: <T = unknown>(name: string, input?: object) => Promise<T> } {
  const api = async <T,>(name: string, input: object = {}): Promise<ApiAnswer<T>> => {
    const res = await browser.request.post(`${baseUrl}api/${name}`, { data: input, headers: { 'content-type': 'application/json' }, timeout: 15_000 });
    return (await res.json()) as ApiAnswer<T>;
  };
  const must = async <T,>(name: string, input: object = {}): Promise<T> => {
    const r = await api<T>(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return { api, must };
}
