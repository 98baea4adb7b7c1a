import type { ResolutionChoice, ScanEvent, ScannedPage, ScanSession } from './scanner.js';

/** Whether the device can scan at exactly `dpi`. */
export function offersResolution(choice: ResolutionChoice | null, dpi: number): boolean {
  if (choice === null) return false;
  if (choice.kind === 'list') return choice.values.includes(dpi);
  if (dpi < choice.min || dpi > choice.max) return false;
  if (choice.step <= 0) return true;
  const steps = (dpi - choice.min) / choice.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/**
 * The resolution the device will scan at for a wanted `dpi`: the same if offered, else the nearest
 * offered (a tie goes to the higher one: more detail rather than less). `null` choice: `dpi` as it is.
 */
export function pickResolution(choice: ResolutionChoice | null, dpi: number): number {
  if (choice === null) return dpi;
  if (choice.kind === 'list') {
    let best = choice.values[0] ?? dpi;
    for (const v of choice.values) {
      const d = Math.abs(v - dpi);
      const bestD = Math.abs(best - dpi);
      if (d < bestD || (d === bestD && v > best)) best = v;
    }
    return best;
  }
  const clamped = Math.min(choice.max, Math.max(choice.min, dpi));
  if (choice.step <= 0) return clamped;
  const steps = Math.round((clamped - choice.min) / choice.step);
  return Math.min(choice.max, choice.min + steps * choice.step);
}

/** Only the pages of a session, in order (progress events dropped). */
export async function* pagesOf(session: ScanSession): AsyncGenerator<ScannedPage, void, undefined> {
  for await (const event of session) if (event.type === 'page') yield event.page;
}

/** Runs a session to its end and returns its pages; `onEvent` sees every event on the way. */
export async function collectPages(session: ScanSession, onEvent?: (event: ScanEvent) => void): Promise<ScannedPage[]> {
  const pages: ScannedPage[] = [];
  for await (const event of session) {
    onEvent?.(event);
    if (event.type === 'page') pages.push(event.page);
  }
  return pages;
}
