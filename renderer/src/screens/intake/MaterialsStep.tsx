import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { PANEL_KEYS } from '../scan/keys.js';
import { ScanPanel } from '../scan/ScanPanel.js';
import { pagesPerEntry } from '../scan/types.js';
import type { Scans } from '../scan/useScans.js';
import { MATERIAL_STATUS_LABEL } from './labels.js';
import { MaterialRow, STATUS_LETTER } from './MaterialRow.js';
import { StepActions } from './StepActions.js';
import type { MaterialStatus } from './types.js';
import type { Intake } from './useIntake.js';
import { useIssueText } from './useIssueText.js';

/**
 * Step 3: the merged checklist (a material shared by several items of a bundle appears once). Every
 * row starts as received, in the form and copies the checklist asks for, one page; the clerk only
 * touches the exceptions. ↑/↓ between rows, R/E/M/C to mark, Enter to the next row.
 *
 * Beside it, the scan panel, where the applicant's pages come in and are attached to a material;
 * each row shows how many pages it has. P on a row goes into the panel, Esc there comes back to the
 * row (the panel's own keys only act inside it, so they never clash with the rows' letters).
 */
export function MaterialsStep({ intake, scans, onNext }: { intake: Intake; scans: Scans; onNext: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const { state, dispatch } = intake;
  const text = useIssueText(state.checklist);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const panel = useRef<HTMLElement>(null);
  const lastRow = useRef(0);
  const entries = useMemo(() => state.checklist?.entries ?? [], [state.checklist]);
  const materials = useMemo(() => entries.map((e) => ({ id: e.id, name: e.name[lang] })), [entries, lang]);
  const scanned = useMemo(() => (scans.batch.pages ? pagesPerEntry(scans.batch.pages) : null), [scans.batch.pages]);

  /** P on a row: into the panel, on the page last worked on (or on Scan when there is none). */
  function onRowsKeyDown(e: React.KeyboardEvent<HTMLElement>): void {
    if (e.defaultPrevented || e.code !== 'KeyP' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.nativeEvent.isComposing) return;
    const row = (e.target as HTMLElement).closest<HTMLLIElement>('li.material');
    if (!row || e.target !== row) return;
    e.preventDefault();
    lastRow.current = Math.max(0, rows.current.indexOf(row));
    panel.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"], [data-panel-entry]')?.focus();
  }

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
    <div className="step materials-step with-scan">
      <div className="materials-main" onKeyDown={onRowsKeyDown}>
        <p className="field-hint keys-inline">
          {(Object.keys(STATUS_LETTER) as MaterialStatus[]).map((s) => (
            <span key={s}>
              <Kbd>{STATUS_LETTER[s]}</Kbd> {t(MATERIAL_STATUS_LABEL[s])}
            </span>
          ))}
          <span>
            <Kbd>↑</Kbd>
            <Kbd>↓</Kbd> {t('materials.keysMove')}
          </span>
          <span>
            <Kbd>Tab</Kbd> {t('materials.keysDetails')}
          </span>
          <span>
            <Kbd>{PANEL_KEYS.jump}</Kbd> {t('scan.keysJump')}
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
                scannedPages={scanned ? (scanned[entry.id] ?? 0) : undefined}
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
        {state.server.scans && (
          <p className="form-error" role="alert" data-testid="materials-scans-error">
            {text(state.server.scans)}
          </p>
        )}
        <StepActions onBack={intake.back} onNext={onNext} />
      </div>
      <ScanPanel batch={scans.batch} run={scans.run} materials={materials} rootRef={panel} onLeave={() => rows.current[lastRow.current]?.focus()} />
    </div>
  );
}
