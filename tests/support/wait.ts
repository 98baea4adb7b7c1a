/** Polls `cond` every `everyMs` until it holds or `maxMs` passes; returns whether it held. */
export async function waitFor(cond: () => boolean | Promise<boolean>, maxMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
