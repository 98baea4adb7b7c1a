import { useCallback, useMemo, useState } from 'react';
import { range } from './order.js';

export interface PageSelection {
  /** The page the keys act on and the focus sits on; null when there is no page. */
  cursor: number | null;
  /** The chosen pages (one or more); the actions act on these. */
  selected: ReadonlySet<number>;
  /** The chosen pages in page order: what an action acts on. */
  targets: readonly number[];
  /** Puts the cursor on `id`: alone, extending the range from the anchor, or adding/removing it. */
  pick: (id: number, how?: 'only' | 'extend' | 'toggle') => void;
  /** Toggles the cursor page in or out of the chosen ones. */
  toggle: () => void;
  all: () => void;
}

/**
 * Which pages are chosen, as a file list does it: click or arrows choose one, Shift extends from the
 * anchor, Ctrl+click or Space adds or removes one. Held as ids, so pages arriving or moving keep it;
 * a page that is gone drops out by itself. With no page chosen yet, the cursor is the first page.
 */
export function usePageSelection(ids: readonly number[]): PageSelection {
  const [state, setState] = useState<{ cursor: number | null; anchor: number | null; selected: readonly number[] }>({ cursor: null, anchor: null, selected: [] });
  const present = useMemo(() => new Set(ids), [ids]);

  const cursor = state.cursor !== null && present.has(state.cursor) ? state.cursor : (ids[0] ?? null);
  const selected = useMemo(() => {
    const s = new Set(state.selected.filter((id) => present.has(id)));
    if (s.size === 0 && cursor !== null) s.add(cursor);
    return s;
  }, [state.selected, present, cursor]);
  const targets = useMemo(() => ids.filter((id) => selected.has(id)), [ids, selected]);

  const pick = useCallback(
    (id: number, how: 'only' | 'extend' | 'toggle' = 'only') => {
      setState((s) => {
        if (how === 'extend') {
          const anchor = s.anchor !== null && present.has(s.anchor) ? s.anchor : (s.cursor ?? id);
          return { cursor: id, anchor, selected: range(ids, anchor, id) };
        }
        if (how === 'toggle') {
          const base = s.selected.filter((x) => present.has(x));
          const next = base.includes(id) ? base.filter((x) => x !== id) : [...base, id];
          return { cursor: id, anchor: id, selected: next };
        }
        return { cursor: id, anchor: id, selected: [id] };
      });
    },
    [ids, present],
  );

  const toggle = useCallback(() => {
    if (cursor === null) return;
    setState((s) => {
      const base = s.selected.filter((x) => present.has(x));
      // No explicit choice yet means the cursor page alone is chosen (and stays so: one page is always chosen).
      const had = base.length === 0 || base.includes(cursor);
      return { cursor, anchor: cursor, selected: had ? base.filter((x) => x !== cursor) : [...base, cursor] };
    });
  }, [cursor, present]);

  const all = useCallback(() => setState((s) => ({ ...s, selected: [...ids] })), [ids]);

  return { cursor, selected, targets, pick, toggle, all };
}
