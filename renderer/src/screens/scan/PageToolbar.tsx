import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { PANEL_KEYS } from './keys.js';
import type { MaterialRef, ScanPage } from './types.js';

export interface ToolbarProps {
  targets: readonly ScanPage[];
  materials: readonly MaterialRef[];
  onRotate: () => void;
  onDelete: () => void;
  onExclude: () => void;
  onAssign: (entryId: string | null) => void;
  onPreview: () => void;
}

/**
 * What can be done to the chosen pages, for the mouse and to show the keys: turn, delete or restore,
 * leave out or take back, open large, and the material they belong to (a picker for checklists
 * longer than nine).
 */
export function PageToolbar({ targets, materials, onRotate, onDelete, onExclude, onAssign, onPreview }: ToolbarProps): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const none = targets.length === 0;
  const allDeleted = !none && targets.every((p) => p.deleted);
  const allExcluded = !none && targets.filter((p) => !p.deleted).every((p) => p.excluded);
  const entries = new Set(targets.map((p) => p.entryId ?? ''));
  const common = entries.size === 1 ? [...entries][0] : undefined;

  return (
    <div className="page-toolbar" data-testid="scan-toolbar">
      <p className="page-chosen" data-testid="scan-chosen">
        {t('scan.chosen', { n: targets.length })}
      </p>
      <div className="page-actions">
        <button type="button" className="small" onClick={onRotate} disabled={none || allDeleted} data-testid="scan-rotate">
          {t('scan.rotate')} <Kbd>{PANEL_KEYS.rotate}</Kbd>
        </button>
        <button type="button" className="small" onClick={onDelete} disabled={none} data-testid="scan-delete">
          {allDeleted ? t('scan.restore') : t('scan.delete')} <Kbd>{PANEL_KEYS.delete}</Kbd>
        </button>
        <button type="button" className="small" onClick={onExclude} disabled={none || allDeleted} data-testid="scan-exclude">
          {allExcluded ? t('scan.include') : t('scan.exclude')} <Kbd>{PANEL_KEYS.exclude}</Kbd>
        </button>
        <button type="button" className="small" onClick={onPreview} disabled={none} data-testid="scan-preview-open">
          {t('scan.preview')} <Kbd>{PANEL_KEYS.preview}</Kbd>
        </button>
      </div>
      <div className="field page-assign">
        <label htmlFor={`${id}-assign`}>
          {t('scan.assign')} <Kbd>{PANEL_KEYS.assign}</Kbd>
        </label>
        <select
          id={`${id}-assign`}
          data-testid="scan-assign"
          value={common ?? '*'}
          disabled={none || allDeleted}
          onChange={(e) => {
            const v = e.target.value;
            if (v !== '*') onAssign(v === '' ? null : v);
          }}
        >
          {common === undefined && <option value="*">{t('scan.assignMixed')}</option>}
          <option value="">{t('scan.unassignedOption')}</option>
          {materials.map((m, i) => (
            <option key={m.id} value={m.id}>
              {i + 1}. {m.name}
            </option>
          ))}
          {common && !materials.some((m) => m.id === common) && <option value={common}>{t('scan.assignedStray')}</option>}
        </select>
      </div>
    </div>
  );
}
