import { useTranslation } from 'react-i18next';
import { enterAdvances } from '../../shell/focus.js';
import { CheckField, Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { OUTCOME_DESC, OUTCOME_LABEL } from './labels.js';
import { allImmediate } from './rules.js';
import { StepActions } from './StepActions.js';
import { OUTCOMES, type OutcomeChoice, type OutcomeForm } from './types.js';
import type { Intake } from './useIntake.js';
import { useIssueText } from './useIssueText.js';

/** Letters that pick an outcome while the choice has the focus: A 受理, G 容缺, B 补正, N 不予受理, J 即办. */
export const OUTCOME_LETTER: Readonly<Record<OutcomeChoice, string>> = { accept: 'A', gaps: 'G', correction: 'B', reject: 'N', complete: 'J' };
const BY_CODE: Readonly<Record<string, OutcomeChoice>> = { KeyA: 'accept', KeyG: 'gaps', KeyB: 'correction', KeyN: 'reject', KeyJ: 'complete' };

/**
 * Step 4: what becomes of the application. Each outcome asks for what its notice needs (容缺: the
 * promised date and the signed commitment; 补正: the deadline, with the materials the 一次性告知书
 * will list; 不予受理: the reason and where to apply instead). Problems the rules find are listed
 * here, next to the choice, naming the materials.
 */
export function OutcomeStep({ intake, onNext }: { intake: Intake; onNext: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const { state, dispatch } = intake;
  const checklist = state.checklist;
  const text = useIssueText(checklist);
  const o = state.outcome;
  const immediate = checklist ? allImmediate(checklist) : false;
  const setO = (patch: Partial<OutcomeForm>): void => dispatch({ type: 'outcome', patch });
  const err = (path: string): string | null => text(intake.shownIssue('outcome', path), path);

  const enabled = (c: OutcomeChoice): boolean => c !== 'complete' || immediate;
  const onAdvance = enterAdvances(onNext);
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>): void {
    const el = e.target as HTMLElement;
    if (el instanceof HTMLInputElement && el.type === 'radio' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const c = BY_CODE[e.code];
      if (c && enabled(c)) {
        e.preventDefault();
        setO({ choice: c });
        const target = e.currentTarget.querySelector<HTMLInputElement>(`input[value="${c}"]`);
        target?.focus();
        return;
      }
    }
    onAdvance(e);
  }

  const toSupply = (checklist?.entries ?? []).flatMap((entry, i) => {
    const m = state.marks[i];
    return m && (m.status === 'to_correct' || (entry.required && m.status === 'missing')) ? [{ entry, m }] : [];
  });
  const missing = (checklist?.entries ?? []).filter((entry, i) => entry.required && state.marks[i]?.status === 'missing');
  const item = checklist?.items.reduce((max, i) => Math.max(max, i.promisedLimitDays), 0) ?? 0;

  // Problems about single materials, listed under the choice (field paths `materials.N`).
  const materialProblems = Object.keys(intake.issuesOf('outcome'))
    .concat(Object.keys(state.server))
    .filter((p, i, all) => /^materials\.\d+$/.test(p) && all.indexOf(p) === i)
    .map((p) => ({ path: p, text: err(p) }))
    .filter((p): p is { path: string; text: string } => p.text !== null);

  return (
    <div className="step outcome-step" onKeyDown={onKeyDown}>
      <fieldset className="outcomes" aria-label={t('outcome.title')}>
        {OUTCOMES.map((c) => (
          <label key={c} className={`outcome${o.choice === c ? ' chosen' : ''}${enabled(c) ? '' : ' disabled'}`}>
            <input
              type="radio"
              name="outcome"
              value={c}
              checked={o.choice === c}
              disabled={!enabled(c)}
              onChange={() => setO({ choice: c })}
              data-testid={`outcome-${c}`}
              // Only the chosen one takes part in Enter-to-next, so Enter leaves the group.
              data-field={o.choice === c ? '' : undefined}
              autoFocus={o.choice === c}
              data-autofocus={o.choice === c ? '' : undefined}
            />
            <span className="key-letter">{OUTCOME_LETTER[c]}</span>
            <span className="outcome-name">{t(OUTCOME_LABEL[c])}</span>
            <span className="outcome-desc">{enabled(c) ? t(OUTCOME_DESC[c]) : t('outcome.complete_unavailable')}</span>
          </label>
        ))}
      </fieldset>
      {(err('target') || err('gaps')) && (
        <p className="field-error" role="alert" data-testid="outcome-choice-error">
          {err('target') ?? err('gaps')}
        </p>
      )}

      {err('materials') && (
        <p className="field-error" role="alert" data-testid="outcome-materials-error">
          {err('materials')}
        </p>
      )}
      {materialProblems.length > 0 && (
        <ul className="problems" data-testid="outcome-problems">
          {materialProblems.map((p) => (
            <li key={p.path} className="field-error" role="alert" data-testid={`outcome-problem-${p.path.replace('.', '-')}`}>
              {p.text}
            </li>
          ))}
        </ul>
      )}
      <div className="outcome-details" data-testid={`outcome-details-${o.choice}`}>
        {o.choice === 'accept' && <p className="note">{t('outcome.acceptNote', { days: item })}</p>}
        {o.choice === 'complete' && <p className="note">{t('outcome.completeNote')}</p>}
        {o.choice === 'gaps' && (
          <>
            <p className="note">{t('outcome.gapsNote', { names: missing.map((e) => e.name[lang]).join('、') || t('outcome.none') })}</p>
            <div className="row">
              <Field label={t('outcome.promisedDate')} placeholder="YYYY-MM-DD" value={o.promisedDate} onValue={(v) => setO({ promisedDate: v })} error={err('gaps.promisedDate')} testId="gaps-promisedDate" maxLength={10} />
            </div>
            <CheckField label={t('outcome.commitmentSigned')} checked={o.commitmentSigned} onChecked={(v) => setO({ commitmentSigned: v })} testId="gaps-commitmentSigned" error={err('gaps.commitmentSigned')} />
          </>
        )}
        {o.choice === 'correction' && (
          <>
            <h3 className="sub">{t('outcome.toSupply')}</h3>
            {toSupply.length > 0 ? (
              <ul className="to-supply" data-testid="to-supply">
                {toSupply.map(({ entry, m }) => (
                  <li key={entry.id}>
                    {entry.name[lang]} — {m.status === 'to_correct' ? t('outcome.toCorrect', { problem: m.problem }) : t('outcome.toProvide')}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="note">{t('outcome.none')}</p>
            )}
            <div className="row">
              <Field label={t('outcome.deadline')} placeholder="YYYY-MM-DD" value={o.deadline} onValue={(v) => setO({ deadline: v })} error={err('deadline')} testId="correction-deadline" maxLength={10} />
            </div>
          </>
        )}
        {o.choice === 'reject' && (
          <div className="row">
            <Field label={t('outcome.reason')} className="wide" value={o.reason} onValue={(v) => setO({ reason: v })} error={err('reason')} testId="reject-reason" maxLength={1000} />
            <Field
              label={t('outcome.authority')}
              className="wide"
              value={o.competentAuthority}
              onValue={(v) => setO({ competentAuthority: v })}
              error={err('competentAuthority')}
              testId="reject-authority"
              maxLength={200}
            />
          </div>
        )}
      </div>

      {state.server[''] && (
        <p className="form-error" role="alert" data-testid="outcome-error">
          {text(state.server[''])}
        </p>
      )}
      <p className="field-hint">
        {OUTCOMES.filter(enabled).map((c) => (
          <span key={c} className="hint-pair">
            <Kbd>{OUTCOME_LETTER[c]}</Kbd> {t(OUTCOME_LABEL[c])}
          </span>
        ))}
      </p>
      <StepActions onBack={intake.back} onNext={onNext} nextLabel={t('outcome.toSummary')} />
    </div>
  );
}
