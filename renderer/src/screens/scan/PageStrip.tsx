import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveNextTo } from './order.js';
import { PageTile } from './PageTile.js';
import type { PageSelection } from './usePageSelection.js';
import { imageKey } from './useThumbnails.js';
import type { MaterialRef, ScanPage } from './types.js';

export interface StripProps {
  pages: readonly ScanPage[];
  thumbs: Readonly<Record<string, string>>;
  selection: PageSelection;
  materials: readonly MaterialRef[];
  /**
   * The page to put the focus on, asked for anew each time (arrows, a move, a closed preview); the
   * focus never follows the cursor by itself (pages arriving, or paging in the preview over it).
   */
  focusRequest: { id: number } | null;
  onReorder: (ids: readonly number[]) => void;
  onOpen: (id: number) => void;
  /** Reports how many pages fit in a row, for ↑/↓. */
  onColumns: (n: number) => void;
}

/**
 * The batch's pages as a grid of thumbnails, a listbox with one focusable page (the cursor) as keys
 * expect. Pages are dragged to a new place (HTML5 drag and drop; dragging a chosen page takes all
 * chosen ones along), and a line shows where they will land.
 */
export function PageStrip({ pages, thumbs, selection, materials, focusRequest, onReorder, onOpen, onColumns }: StripProps): React.JSX.Element {
  const { t } = useTranslation();
  const tiles = useRef(new Map<number, HTMLLIElement>());
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<readonly number[] | null>(null);
  const [drop, setDrop] = useState<{ id: number; after: boolean } | null>(null);
  const ids = pages.map((p) => p.id);
  const numberOf = new Map(materials.map((m, i) => [m.id, { number: i + 1, name: m.name }]));

  useEffect(() => {
    if (focusRequest) tiles.current.get(focusRequest.id)?.focus();
  }, [focusRequest]);

  // Pages per row, from where the tiles actually are (the panel's width decides).
  useEffect(() => {
    const first = list.current?.firstElementChild as HTMLElement | null;
    if (!first || !list.current) return;
    const top = first.offsetTop;
    let n = 0;
    for (const el of Array.from(list.current.children)) if ((el as HTMLElement).offsetTop === top) n++;
    onColumns(Math.max(1, n));
  });

  if (pages.length === 0) {
    return (
      <p className="empty page-strip-empty" data-testid="scan-pages-none">
        {t('scan.noPages')}
      </p>
    );
  }

  function sideOf(e: React.DragEvent<HTMLLIElement>): boolean {
    const r = e.currentTarget.getBoundingClientRect();
    return e.clientX > r.left + r.width / 2;
  }

  return (
    <ol className="page-strip" role="listbox" aria-multiselectable="true" aria-label={t('scan.pages')} ref={list} data-testid="scan-pages">
      {pages.map((page, index) => {
        const entry = page.entryId !== null ? numberOf.get(page.entryId) : undefined;
        return (
          <PageTile
            key={page.id}
            page={page}
            index={index}
            url={thumbs[imageKey(page)]}
            isCursor={selection.cursor === page.id}
            isSelected={selection.selected.has(page.id)}
            material={entry ?? null}
            strayMaterial={page.entryId !== null && !entry}
            dropSide={drop?.id === page.id && dragging ? (drop.after ? 'after' : 'before') : null}
            register={(el) => {
              if (el) tiles.current.set(page.id, el);
              else tiles.current.delete(page.id);
            }}
            onPointerPick={(e) => selection.pick(page.id, e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')}
            onOpen={() => onOpen(page.id)}
            onDragStart={(e) => {
              const moving = selection.selected.has(page.id) ? selection.targets : [page.id];
              setDragging(moving);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', moving.join(','));
            }}
            onDragOver={(e) => {
              if (!dragging) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              const after = sideOf(e);
              if (drop?.id !== page.id || drop.after !== after) setDrop({ id: page.id, after });
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging) {
                const next = moveNextTo(ids, dragging, page.id, sideOf(e));
                if (next !== ids) onReorder(next);
              }
              setDragging(null);
              setDrop(null);
            }}
            onDragEnd={() => {
              setDragging(null);
              setDrop(null);
            }}
          />
        );
      })}
    </ol>
  );
}
