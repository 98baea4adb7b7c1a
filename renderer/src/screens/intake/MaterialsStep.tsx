import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { MaterialRow, STATUS_LETTER } from './MaterialRow.js';
import { StepActions } from './StepActions.js';
import type { MaterialStatus } from './types.js';
import type { Intake } from './useIntake.js';
import { useIssueText } from './useIssueText.js';

/**
 * Step 3: the merged checklist (a material shared by several items of a bundle appears once). Every
 * row starts as received, in the form and copies the checklist asks for, one page; the clerk only
 * touches the exceptions. ↑/↓ between rows, R/E/M/C to mark, Enter to the next row.
 */
export function MaterialsStep({ intake, onNext }: { intake: Intake; onNext: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { state, dispatch } = intake;
  const text = useIssueText(state.checklist);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const entries = state.checklist?.entries ?? [];

  useEffect(() => {
    rows.current[0]?.focus();
  }, []);

  function move(from: number, delta: number): void {
    const to = from + delta;
    if (to >= entries.length) onNext();
    else rows.current[Math.max(0, to)]?.focus();
  }

  const counts = state.marks.reduce<Record<MaterialStatus, number>>(
    (c, m) => ({ ...c, [m.status]: c[m.status] + 1 }),
    { received: 0, exempt: 0, missing: 0, to_correct: 0 },
  );

  return (
    <div className="step materials-step">
      <p className="field-hint keys-inline">
        {(Object.keys(STATUS_LETTER) as MaterialStatus[]).map((s) => (
          <span key={s}>
            <Kbd>{STATUS_LETTER[s]}</Kbd> {t(`materials.status_${s}`)}
          </span>
        ))}
        <span>
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> {t('materials.keysMove')}
        </span>
        <span>
          <Kbd>Tab</Kbd> {t('materials.keysDetails')}
        </span>
      </p>
      <p className="counts" data-testid="materials-counts">
        {t('materials.counts', counts)}
      </p>
      <ol className="materials" aria-label={t('materials.title')}>
        {entries.map((entry, i) => {
          const mark = state.marks[i];
          if (!mark) return null;
          return (
            <MaterialRow
              key={entry.id}
              index={i}
              entry={entry}
              mark={mark}
              onMark={(patch) => dispatch({ type: 'mark', index: i, patch })}
              errorOf={(path) => text(intake.shownIssue('materials', path) ?? (path === `materials.${i}` ? intake.shownIssue('outcome', path) : null), path)}
              onLeave={(path) => dispatch({ type: 'touch', path })}
              onMove={move}
              rowRef={(el) => {
                rows.current[i] = el;
                if (el && i === 0) el.setAttribute('data-autofocus', '');
              }}
            />
          );
        })}
      </ol>
      {state.server[''] && (
        <p className="form-error" role="alert" data-testid="materials-error">
          {text(state.server[''])}
        </p>
      )}
      <StepActions onBack={intake.back} onNext={onNext} />
    </div>
  );
}
