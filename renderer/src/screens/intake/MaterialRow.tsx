import { useTranslation } from 'react-i18next';
import { MATERIAL_FORMS } from '../../../../core/catalog/schema.js';
import { focusNextField } from '../../shell/focus.js';
import { Field, SelectField } from '../../ui/Field.js';
import { useLang } from '../../ui/useLang.js';
import { MARK_FIELD_LABEL, MATERIAL_FORM_LABEL, MATERIAL_STATUS_LABEL } from './labels.js';
import type { ChecklistEntry, MarkForm, MaterialStatus } from './types.js';

/** R/E/M/C on a row: received, exempt (e-certificate), missing, to correct. */
export const STATUS_KEYS: Readonly<Record<string, MaterialStatus>> = { KeyR: 'received', KeyE: 'exempt', KeyM: 'missing', KeyC: 'to_correct' };
export const STATUS_LETTER: Readonly<Record<MaterialStatus, string>> = { received: 'R', exempt: 'E', missing: 'M', to_correct: 'C' };
const STATUSES: readonly MaterialStatus[] = ['received', 'exempt', 'missing', 'to_correct'];

export interface RowProps {
  index: number;
  entry: ChecklistEntry;
  mark: MarkForm;
  onMark: (patch: Partial<MarkForm>) => void;
  /** Problems of the row's fields, as text, by path (`materials.2.pages`), and of the row itself (`materials.2`). */
  errorOf: (path: string) => string | null;
  onLeave: (path: string) => void;
  /** Moves to the row `delta` away; past the last row it finishes the step. */
  onMove: (from: number, delta: number) => void;
  rowRef: (el: HTMLLIElement | null) => void;
  /** Scanned pages attached to this material (neither deleted nor left out); undefined: not shown. */
  scannedPages?: number | undefined;
}

/**
 * One checklist entry: its name and requirement, the four marks with their letters, and the
 * details the mark needs. The row itself takes the letters; inside a detail field Enter moves on
 * and Esc returns to the row.
 */
export function MaterialRow({ index, entry, mark, onMark, errorOf, onLeave, onMove, rowRef, scannedPages }: RowProps): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const at = `materials.${index}`;
  const exemptable = entry.exemptByCertificate !== null;
  const rowError = errorOf(at) ?? errorOf(`${at}.entryId`) ?? errorOf(`${at}.status`);

  function set(status: MaterialStatus, row: HTMLElement): void {
    if (status === 'exempt' && !exemptable) return;
    onMark({ status });
    // Exempt and to-correct need words: go straight to their field.
    if (status === 'exempt' || status === 'to_correct') requestAnimationFrame(() => row.querySelector<HTMLElement>('[data-field]')?.focus());
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLLIElement>): void {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const row = e.currentTarget;
    if (e.target === row) {
      const status = STATUS_KEYS[e.code];
      if (status) {
        e.preventDefault();
        set(status, row);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        onMove(index, e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        onMove(index, 1);
      }
      return;
    }
    if (e.key === 'Enter' && (e.target as HTMLElement).hasAttribute('data-field')) {
      e.preventDefault();
      if (!focusNextField(row, e.target as HTMLElement)) onMove(index, 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      row.focus();
    }
  }

  const field = (name: 'copies' | 'pages' | 'reason' | 'problem', extra: { inputMode?: 'numeric'; maxLength: number; className?: string }) => (
    <Field
      label={t(MARK_FIELD_LABEL[name])}
      value={mark[name]}
      onValue={(v) => onMark({ [name]: v })}
      onBlur={() => onLeave(`${at}.${name}`)}
      error={errorOf(`${at}.${name}`)}
      testId={`materials-${index}-${name}`}
      {...extra}
    />
  );

  return (
    <li
      ref={rowRef}
      tabIndex={0}
      className={`material status-${mark.status}${rowError ? ' invalid' : ''}`}
      data-testid={`material-${index}`}
      data-status={mark.status}
      data-invalid={rowError ? 'true' : undefined}
      aria-label={`${index + 1}. ${entry.name[lang]}: ${t(MATERIAL_STATUS_LABEL[mark.status])}`}
      onKeyDown={onKeyDown}
    >
      <div className="material-head">
        <span className="num">{index + 1}</span>
        <span className="material-name">{entry.name[lang]}</span>
        {entry.required ? <span className="badge badge-required">{t('materials.required')}</span> : <span className="badge">{t('materials.optional')}</span>}
        {entry.key && <span className="badge badge-key">{t('materials.key')}</span>}
        {exemptable && <span className="badge badge-exempt">{t('materials.exemptable')}</span>}
        {scannedPages !== undefined && scannedPages > 0 && (
          <span className="badge badge-scanned" data-testid={`material-${index}-scanned`} data-pages={scannedPages}>
            {t('scan.pagesBadge', { n: scannedPages })}
          </span>
        )}
        <span className="material-ask">
          {t(MATERIAL_FORM_LABEL[entry.form])} × {entry.copies}
        </span>
      </div>
      <div className="material-body">
        <div className="marks" role="radiogroup" aria-label={t('materials.mark')}>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              tabIndex={-1}
              role="radio"
              aria-checked={mark.status === s}
              disabled={s === 'exempt' && !exemptable}
              className={mark.status === s ? 'chosen' : undefined}
              data-testid={`material-${index}-${s}`}
              onClick={(e) => set(s, e.currentTarget.closest('li') ?? e.currentTarget)}
            >
              <span className="key-letter">{STATUS_LETTER[s]}</span> {t(MATERIAL_STATUS_LABEL[s])}
            </button>
          ))}
        </div>
        <div className="material-details">
          {mark.status === 'received' && (
            <>
              <SelectField
                label={t('materials.form')}
                value={mark.form}
                onValue={(v) => onMark({ form: v as MarkForm['form'] })}
                testId={`materials-${index}-form`}
                options={MATERIAL_FORMS.map((f) => ({ value: f, label: t(MATERIAL_FORM_LABEL[f]) }))}
              />
              {field('copies', { inputMode: 'numeric', maxLength: 2, className: 'narrow' })}
              {field('pages', { inputMode: 'numeric', maxLength: 4, className: 'narrow' })}
            </>
          )}
          {mark.status === 'exempt' && field('reason', { maxLength: 200, className: 'wide' })}
          {mark.status === 'to_correct' && field('problem', { maxLength: 500, className: 'wide' })}
        </div>
      </div>
      {rowError && (
        <p className="field-error" role="alert" data-testid={`material-${index}-error`}>
          {rowError}
        </p>
      )}
    </li>
  );
}
