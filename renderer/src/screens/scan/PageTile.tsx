import { useTranslation } from 'react-i18next';
import type { ScanPage } from './types.js';

export interface TileProps {
  page: ScanPage;
  index: number;
  /** The thumbnail (data: URL), '' when it could not be read, undefined while on its way. */
  url: string | undefined;
  isCursor: boolean;
  isSelected: boolean;
  /** The checklist number (1-based) and name of the material the page is assigned to. */
  material: { number: number; name: string } | null;
  /** Assigned to a material that is not on this checklist (the item was changed after scanning). */
  strayMaterial: boolean;
  dropSide: 'before' | 'after' | null;
  /** Called with the tile's element (and null when it goes), so the strip can move the focus to it. */
  register: (el: HTMLLIElement | null) => void;
  onPointerPick: (e: React.MouseEvent) => void;
  onOpen: () => void;
  onDragStart: (e: React.DragEvent) => void;
  onDragOver: (e: React.DragEvent<HTMLLIElement>) => void;
  onDrop: (e: React.DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}

/**
 * One page in the strip: its thumbnail (the stored image, already turned), its number, the material
 * it belongs to, and what is special about it (blank, left out, deleted: all recoverable).
 */
export function PageTile({ register, ...p }: TileProps): React.JSX.Element {
  const { t } = useTranslation();
  const { page } = p;
  const flags = [page.deleted ? t('scan.flagDeleted') : null, page.blank ? t('scan.flagBlank') : null, page.excluded && !page.deleted ? t('scan.flagExcluded') : null].filter((x): x is string => x !== null);
  const where = p.material ? t('scan.assignedTo', { n: p.material.number, name: p.material.name }) : p.strayMaterial ? t('scan.assignedStray') : t('scan.unassigned');
  const cls = ['page-tile', p.isCursor ? 'cursor' : '', p.isSelected ? 'selected' : '', page.deleted ? 'deleted' : '', page.excluded ? 'excluded' : '', p.dropSide ? `drop-${p.dropSide}` : ''].filter(Boolean).join(' ');
  return (
    <li
      ref={register}
      role="option"
      aria-selected={p.isSelected}
      aria-label={`${t('scan.pageNo', { n: p.index + 1 })}: ${[where, ...flags].join(', ')}`}
      tabIndex={p.isCursor ? 0 : -1}
      className={cls}
      draggable
      data-testid={`scan-page-${p.index}`}
      data-page-id={page.id}
      data-entry={page.entryId ?? ''}
      data-rotation={page.rotation}
      data-deleted={page.deleted}
      data-excluded={page.excluded}
      data-blank={page.blank}
      data-source={page.source}
      onClick={p.onPointerPick}
      onDoubleClick={p.onOpen}
      onDragStart={p.onDragStart}
      onDragOver={p.onDragOver}
      onDrop={p.onDrop}
      onDragEnd={p.onDragEnd}
    >
      <div className="page-thumb">
        {p.url ? <img src={p.url} alt="" draggable={false} /> : <span className={p.url === '' ? 'thumb-missing' : 'thumb-loading'} aria-hidden="true" />}
      </div>
      <div className="page-caption">
        <span className="page-no">{p.index + 1}</span>
        {p.material ? (
          <span className="badge badge-material" title={p.material.name} data-testid={`scan-page-${p.index}-material`}>
            {p.material.number}
          </span>
        ) : p.strayMaterial ? (
          <span className="badge badge-stray" title={t('scan.assignedStray')}>
            ?
          </span>
        ) : null}
        {flags.map((f) => (
          <span key={f} className="badge badge-flag">
            {f}
          </span>
        ))}
      </div>
    </li>
  );
}
