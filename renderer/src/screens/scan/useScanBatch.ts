import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import type { Batch, ScanPage } from './types.js';

export interface PagePatch {
  rotate?: 90 | 180 | 270;
  excluded?: boolean;
  deleted?: boolean;
}

export interface ScanBatch {
  intakeId: string;
  /** The batch's pages in order, deleted ones included (flagged); null until first loaded. */
  pages: readonly ScanPage[] | null;
  /** Why the batch could not be read, or why the last change to it was refused. */
  error: AppError | null;
  clearError: () => void;
  reload: () => void;
  update: (pageIds: readonly number[], patch: PagePatch) => void;
  assign: (pageIds: readonly number[], entryId: string | null) => void;
  reorder: (ids: readonly number[]) => void;
}

/**
 * The intake's batch as the panel and the checklist show it, kept current from three sides: a fresh
 * read whenever the back end says a page arrived or the batch changed (`scans.page`,
 * `scans.changed`, another window included), and the clerk's own changes, which show at once.
 *
 * The clerk's changes go to the back end one at a time, in the order made (a quick Ctrl+→ Ctrl+→
 * must not arrive swapped over two HTTP connections). While any is on its way, reads are held back
 * and done once after the last, so an answer to an earlier read never undoes a move on screen.
 */
export function useScanBatch(intakeId: string): ScanBatch {
  const transport = useTransport();
  // Both kept with the intake they are about, so a new intake shows nothing of the last one's.
  const [held, setHeld] = useState<{ intakeId: string; pages: readonly ScanPage[] | null; error: AppError | null }>({ intakeId, pages: null, error: null });
  const pages = held.intakeId === intakeId ? held.pages : null;
  const error = held.intakeId === intakeId ? held.error : null;
  const setPages = useCallback(
    (next: (prev: readonly ScanPage[] | null) => readonly ScanPage[] | null) => setHeld((h) => ({ intakeId, pages: next(h.intakeId === intakeId ? h.pages : null), error: h.intakeId === intakeId ? h.error : null })),
    [intakeId],
  );
  const setError = useCallback(
    (e: AppError | null) => setHeld((h) => (h.intakeId === intakeId ? { ...h, error: e } : { intakeId, pages: null, error: e })),
    [intakeId],
  );
  const live = useRef({ intakeId, reading: false, again: false, pending: 0 });
  const queue = useRef<Promise<void>>(Promise.resolve());

  const read = useCallback(async () => {
    const s = live.current;
    if (s.reading || s.pending > 0) {
      s.again = true;
      return;
    }
    s.reading = true;
    // Once more as long as something changed while reading (and no change of the clerk's is on its way).
    do {
      s.again = false;
      const r = await transport.invoke('scans.batch', { intakeId: s.intakeId });
      if (s !== live.current) return; // a new intake started meanwhile
      if (s.pending === 0) {
        if (r.ok) setPages(() => r.value.pages);
        else setError(r.error);
      } else s.again = true; // held back: read once more after the clerk's change is in
    } while (s.again && s.pending === 0);
    s.reading = false;
  }, [transport, setPages, setError]);

  useEffect(() => {
    live.current = { intakeId, reading: false, again: false, pending: 0 };
    void read();
    const mine = (p: { intakeId: string }): void => {
      if (p.intakeId === intakeId) void read();
    };
    const offPage = transport.on('scans.page', mine);
    const offChanged = transport.on('scans.changed', mine);
    return () => {
      offPage();
      offChanged();
    };
  }, [transport, intakeId, read]);

  /**
   * Runs one change after those before it; a refusal is shown and the batch read again. `apply`
   * takes the answer in; `whole` answers (the entire batch) only from the last change on its way,
   * since an earlier one's batch would undo the later changes already on screen.
   */
  const enqueue = useCallback(
    <T,>(send: () => Promise<Result<T>>, apply: (value: T) => void, whole: boolean) => {
      const s = live.current;
      s.pending++;
      queue.current = queue.current.then(async () => {
        const r = await send();
        if (s !== live.current) return;
        s.pending--;
        if (!r.ok) {
          setError(r.error);
          s.again = true;
        } else if (!whole || s.pending === 0) apply(r.value);
        if (s.pending === 0 && s.again) void read();
      });
    },
    [read, setError],
  );

  const update = useCallback(
    (pageIds: readonly number[], patch: PagePatch) => {
      setError(null);
      for (const pageId of pageIds) {
        enqueue(
          () => transport.invoke('scans.updatePage', { pageId, ...patch }),
          // The page as stored now (a rotation is a new image, with new size and hash).
          (page) => setPages((prev) => prev?.map((p) => (p.id === page.id ? page : p)) ?? prev),
          false,
        );
      }
      // Flags show at once; a rotation shows when its new image is there.
      if (patch.excluded !== undefined || patch.deleted !== undefined) {
        const ids = new Set(pageIds);
        setPages((prev) => prev?.map((p) => (ids.has(p.id) ? { ...p, ...(patch.excluded !== undefined ? { excluded: patch.excluded } : {}), ...(patch.deleted !== undefined ? { deleted: patch.deleted } : {}) } : p)) ?? prev);
      }
    },
    [enqueue, transport, setPages, setError],
  );

  const assign = useCallback(
    (pageIds: readonly number[], entryId: string | null) => {
      if (pageIds.length === 0) return;
      setError(null);
      const ids = new Set(pageIds);
      setPages((prev) => prev?.map((p) => (ids.has(p.id) ? { ...p, entryId } : p)) ?? prev);
      enqueue(
        () => transport.invoke('scans.assign', { intakeId, pageIds: [...pageIds], entryId }),
        (b: Batch) => setPages(() => b.pages),
        true,
      );
    },
    [enqueue, transport, intakeId, setPages, setError],
  );

  const reorder = useCallback(
    (ids: readonly number[]) => {
      setError(null);
      setPages((prev) => {
        if (!prev) return prev;
        const byId = new Map(prev.map((p) => [p.id, p]));
        return ids.flatMap((id, pos) => {
          const p = byId.get(id);
          return p ? [{ ...p, pos }] : [];
        });
      });
      enqueue(
        () => transport.invoke('scans.reorder', { intakeId, pageIds: [...ids] }),
        (b: Batch) => setPages(() => b.pages),
        true,
      );
    },
    [enqueue, transport, intakeId, setPages, setError],
  );

  const clearError = useCallback(() => setError(null), [setError]);
  const reload = useCallback(() => void read(), [read]);

  return { intakeId, pages, error, clearError, reload, update, assign, reorder };
}
