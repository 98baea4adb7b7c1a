/**
 * Page order changes as pure functions over page ids, so the strip can show a move at once and send
 * the whole order (`scans.reorder` takes every page of the batch, once).
 */

/** Moves `id` by `delta` places (clamped to the ends); the same array when nothing moves. */
export function moveBy(ids: readonly number[], id: number, delta: number): readonly number[] {
  const from = ids.indexOf(id);
  if (from < 0) return ids;
  const to = Math.max(0, Math.min(ids.length - 1, from + delta));
  if (to === from) return ids;
  const next = ids.filter((x) => x !== id);
  next.splice(to, 0, id);
  return next;
}

/**
 * Moves the pages `moving` (kept in their current order) next to `target`: before it, or after it
 * when `after`. A drop onto one of the moving pages themselves changes nothing.
 */
export function moveNextTo(ids: readonly number[], moving: readonly number[], target: number, after: boolean): readonly number[] {
  const set = new Set(moving);
  if (set.has(target) || !ids.includes(target)) return ids;
  const block = ids.filter((x) => set.has(x));
  const rest = ids.filter((x) => !set.has(x));
  const at = rest.indexOf(target) + (after ? 1 : 0);
  const next = [...rest.slice(0, at), ...block, ...rest.slice(at)];
  return next.every((x, i) => x === ids[i]) ? ids : next;
}

/** The ids from `a` to `b` inclusive, in page order (a Shift+click or Shift+arrow range). */
export function range(ids: readonly number[], a: number, b: number): number[] {
  const i = ids.indexOf(a);
  const j = ids.indexOf(b);
  if (i < 0 || j < 0) return [b];
  return ids.slice(Math.min(i, j), Math.max(i, j) + 1);
}
