import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusWhenActive } from '../../shell/useFocusWhenActive.js';
import { Kbd } from '../../ui/Kbd.js';
import { today } from '../../ui/today.js';
import { useLang } from '../../ui/useLang.js';
import { RecoveryOffer } from '../scan/RecoveryOffer.js';
import { useScans } from '../scan/useScans.js';
import { ApplicantStep } from './ApplicantStep.js';
import { DoneView } from './DoneView.js';
import { ItemStep } from './ItemStep.js';
import { MaterialsStep } from './MaterialsStep.js';
import { OutcomeStep } from './OutcomeStep.js';
import { Stepper } from './Stepper.js';
import { SummaryStep } from './SummaryStep.js';
import { useIntake } from './useIntake.js';

/**
 * 受理: the counter's main screen, one step at a time (item → applicant → materials → outcome →
 * summary → case number). Enter moves on, Esc goes back one step, Ctrl+Enter finishes a step from
 * anywhere in it.
 */
export function IntakeScreen({ active }: { active: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const intake = useIntake();
  const { state, next, back, submit } = intake;
  const scans = useScans(state.intakeId);
  const ref = useRef<HTMLElement>(null);
  const resumedPages = scans.batch.pages?.filter((p) => !p.deleted).length ?? 0;

  // Back on this page (Alt+1, or unlocked): the focus goes where the clerk left off, the step's main field.
  useFocusWhenActive(ref, active);

  // After a refused step (or a refused commit that sent the clerk back to a step), the first field
  // in error gets the focus. An effect runs after the commit, so it wins over the new step's autofocus.
  useEffect(() => {
    if (state.focusInvalid > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')?.focus();
  }, [state.focusInvalid]);

  const goNext = (): void => {
    next();
  };
  const doSubmit = (): void => {
    void submit();
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.defaultPrevented || e.nativeEvent.isComposing) return;
    if (e.key === 'Escape' && state.step !== 'item' && state.step !== 'done') {
      e.preventDefault();
      back();
    } else if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      if (state.step === 'summary') doSubmit();
      else if (state.step !== 'item' && state.step !== 'done') goNext();
    }
  };

  return (
    <section className="intake" ref={ref} onKeyDown={onKeyDown} aria-labelledby="intake-title">
      <div className="intake-head">
        <h2 id="intake-title">{t('intake.title')}</h2>
        {state.step !== 'done' && <Stepper step={state.step} />}
      </div>
      {state.target && state.step !== 'item' && state.step !== 'done' && (
        <p className="intake-target" data-testid="intake-target">
          <span className="code">{state.target.code}</span> {state.checklist ? state.checklist.title[lang] : ''}
        </p>
      )}
      {/* Keyed by the intake (keys differ among siblings): continuing a scanned batch starts the search afresh. */}
      {state.step === 'item' && <ItemStep key={`item-${state.intakeId}`} onChoose={intake.choose} />}
      {state.step === 'item' && resumedPages > 0 && (
        <p className="note" data-testid="intake-resumed">
          {t('scan.resumed', { n: resumedPages })}
        </p>
      )}
      {/* Pages scanned for intakes never submitted (a crash, a closed window): continue or discard. */}
      {state.step === 'item' && active && (
        <RecoveryOffer key={`recovery-${state.intakeId}`} currentIntakeId={state.intakeId} onContinue={(intakeId) => intake.dispatch({ type: 'reset', intakeId, today: today() })} />
      )}
      {state.step === 'applicant' && <ApplicantStep intake={intake} onNext={goNext} />}
      {state.step === 'materials' && <MaterialsStep intake={intake} scans={scans} onNext={goNext} />}
      {state.step === 'outcome' && <OutcomeStep intake={intake} onNext={goNext} />}
      {state.step === 'summary' && <SummaryStep intake={intake} onConfirm={doSubmit} />}
      {state.step === 'done' && state.result && <DoneView result={state.result} onNew={intake.reset} />}
      {state.step !== 'done' && (
        <p className="keys-legend" aria-hidden="true">
          <Kbd>Enter</Kbd> {t('keys.nextField')} · <Kbd>Ctrl+Enter</Kbd> {t('keys.nextStep')} · <Kbd>Esc</Kbd> {t('keys.back')}
        </p>
      )}
    </section>
  );
}
