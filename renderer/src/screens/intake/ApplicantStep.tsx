import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { enterAdvances } from '../../shell/focus.js';
import { useHandler } from '../../transport/useHandler.js';
import { CheckField, Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { today } from '../../ui/today.js';
import { AgentFields } from './AgentFields.js';
import { A, AGENT, derivedIdentity, LEGAL_REP, lookupKey, visiblePaths, type ApplicantKind } from './applicantForm.js';
import { makeBind } from './binding.js';
import { IdentityFields } from './IdentityFields.js';
import { APPLICANT_KIND_LABEL } from './labels.js';
import { OrganisationFields } from './OrganisationFields.js';
import { StepActions } from './StepActions.js';
import type { Intake } from './useIntake.js';
import { useIssueText } from './useIssueText.js';

const KIND_KEYS: Readonly<Record<string, ApplicantKind>> = { KeyP: 'person', KeyO: 'organisation' };

/**
 * Step 2: who applies. Errors show as the clerk types (those that typing more cannot fix) or on
 * leaving a field; a valid ID number or credit code looks the applicant up and fills in what the
 * clerk has not typed yet.
 */
export function ApplicantStep({ intake, onNext }: { intake: Intake; onNext: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { state, dispatch } = intake;
  const form = state.applicant;
  const text = useIssueText(state.checklist);
  const bind = makeBind(intake, text);
  const day = today();
  const key = lookupKey(form, day);

  // A returning applicant: each record found fills in what the clerk has not typed yet, once.
  const { data: found } = useHandler('applicants.find', key === null ? null : { idNumber: key });
  const filledFrom = useRef<typeof found>(null);
  useEffect(() => {
    if (!found?.applicant || filledFrom.current === found) return;
    filledFrom.current = found;
    dispatch({ type: 'prefill', stored: found.applicant });
  }, [found, dispatch]);

  const phone = bind(`${A}.phone`);
  const address = bind(`${A}.address`);
  const onAdvance = enterAdvances(onNext);

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>): void {
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const kind = KIND_KEYS[e.code];
      if (kind) {
        e.preventDefault();
        dispatch({ type: 'kind', kind });
        return;
      }
      if (e.code === 'KeyA') {
        e.preventDefault();
        dispatch({ type: 'flag', flag: 'hasAgent', value: !form.hasAgent });
        return;
      }
      if (e.code === 'KeyS' && form.kind === 'organisation') {
        e.preventDefault();
        dispatch({ type: 'flag', flag: 'override', value: true });
        return;
      }
    }
    onAdvance(e);
  }

  // Whatever the server refused that no field here shows (a path of another shape) is shown at the foot.
  const shown = new Set(visiblePaths(form));
  const others = Object.entries(state.server).filter(([path]) => !shown.has(path));
  return (
    <div className="step applicant-step" onKeyDown={onKeyDown}>
      <fieldset className="kind" role="radiogroup" aria-label={t('applicant.kind')}>
        {(['person', 'organisation'] as const).map((k) => (
          <label key={k} className={form.kind === k ? 'chosen' : undefined}>
            <input type="radio" name="applicant-kind" value={k} checked={form.kind === k} onChange={() => dispatch({ type: 'kind', kind: k })} data-testid={`kind-${k}`} />
            {t(APPLICANT_KIND_LABEL[k])} <Kbd>{k === 'person' ? 'Alt+P' : 'Alt+O'}</Kbd>
          </label>
        ))}
      </fieldset>

      {state.prefilled.length > 0 && (
        <p className="note" role="status" data-testid="applicant-returning">
          {t('applicant.returning')}
        </p>
      )}

      {form.kind === 'person' ? (
        <IdentityFields key="person" prefix={A} bind={bind} derived={derivedIdentity(form, A, day)} autoFocusNumber />
      ) : (
        <OrganisationFields
          key="organisation"
          bind={bind}
          override={form.override}
          onOverride={(open) => dispatch({ type: 'flag', flag: 'override', value: open })}
          derivedRep={derivedIdentity(form, LEGAL_REP, day)}
        />
      )}
      <div className="row">
        <Field
          label={form.kind === 'person' ? t('applicant.phone') : t('applicant.phoneOptional')}
          value={phone.value}
          onValue={phone.onValue}
          onBlur={phone.onBlur}
          error={phone.error}
          testId={phone.testId}
          maxLength={30}
        />
        <Field label={t('applicant.address')} className="wide" value={address.value} onValue={address.onValue} onBlur={address.onBlur} error={address.error} testId={address.testId} maxLength={300} />
      </div>

      <CheckField
        label={`${t('applicant.hasAgent')} (Alt+A)`}
        checked={form.hasAgent}
        onChecked={(v) => dispatch({ type: 'flag', flag: 'hasAgent', value: v })}
        testId="applicant-hasAgent"
      />
      {form.hasAgent && (
        <AgentFields
          bind={bind}
          derived={derivedIdentity(form, AGENT, day)}
          powerOfAttorney={form.powerOfAttorney}
          onPowerOfAttorney={(v) => dispatch({ type: 'flag', flag: 'powerOfAttorney', value: v })}
          powerError={text(intake.shownIssue('applicant', `${AGENT}.powerOfAttorney`))}
        />
      )}
      {others.map(([path, error]) => (
        <p key={path} className="form-error" role="alert" data-testid="applicant-error">
          {text(error)}
        </p>
      ))}
      <StepActions onBack={intake.back} onNext={onNext} />
    </div>
  );
}
