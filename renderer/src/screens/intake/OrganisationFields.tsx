import { useTranslation } from 'react-i18next';
import { validateUscc } from '../../../../core/applicant/index.js';
import { Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { A, LEGAL_REP, OVERRIDE_REASON, OVERRIDE_SUPERVISOR, SUPERVISOR_PASSWORD } from './applicantForm.js';
import type { Bind } from './binding.js';
import { IdentityFields } from './IdentityFields.js';

/**
 * An organisation: credit code first (a returning one fills in the rest), name, legal
 * representative. A credit code whose check character fails may be let through by a supervisor,
 * who signs at the counter with their own login and password and a reason; it is journaled.
 */
export function OrganisationFields({
  bind,
  override,
  onOverride,
  derivedRep,
}: {
  bind: Bind;
  override: boolean;
  onOverride: (open: boolean) => void;
  derivedRep: { birthDate: string; sex: 'male' | 'female' } | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const uscc = bind(`${A}.uscc`);
  const name = bind(`${A}.name`);
  const check = validateUscc(uscc.value);
  const overridable = !check.ok && check.overridable;
  const sup = bind(OVERRIDE_SUPERVISOR);
  const pwd = bind(SUPERVISOR_PASSWORD);
  const reason = bind(OVERRIDE_REASON);

  return (
    <>
      <div className="row">
        <Field
          label={t('applicant.uscc')}
          className="wide"
          value={uscc.value}
          onValue={uscc.onValue}
          onBlur={uscc.onBlur}
          error={uscc.error}
          hint={override && overridable ? t('applicant.overrideActive') : undefined}
          testId={uscc.testId}
          maxLength={40}
          autoFocus
          data-autofocus=""
        />
        <Field label={t('applicant.orgName')} className="wide" value={name.value} onValue={name.onValue} onBlur={name.onBlur} error={name.error} testId={name.testId} maxLength={200} />
      </div>
      {overridable && !override && (
        <p className="override-offer">
          <button type="button" onClick={() => onOverride(true)} data-testid="uscc-override-open">
            {t('applicant.overrideOffer')} <Kbd>Alt+S</Kbd>
          </button>
        </p>
      )}
      {overridable && override && (
        <fieldset
          className="override"
          data-testid="uscc-override"
          onKeyDown={(e) => {
            // Esc closes the override before it backs out of the step.
            if (e.key === 'Escape') {
              e.preventDefault();
              onOverride(false);
            }
          }}
        >
          <legend>
            {t('applicant.overrideTitle')} <Kbd>Esc</Kbd>
          </legend>
          <div className="row">
            <Field label={t('applicant.overrideSupervisor')} value={sup.value} onValue={sup.onValue} onBlur={sup.onBlur} error={sup.error} testId={sup.testId} maxLength={32} autoFocus />
            <Field label={t('applicant.overridePassword')} type="password" value={pwd.value} onValue={pwd.onValue} onBlur={pwd.onBlur} error={pwd.error} testId={pwd.testId} />
            <Field label={t('applicant.overrideReason')} className="wide" value={reason.value} onValue={reason.onValue} onBlur={reason.onBlur} error={reason.error} testId={reason.testId} maxLength={200} />
          </div>
        </fieldset>
      )}
      <h3 className="sub">{t('applicant.legalRep')}</h3>
      <IdentityFields prefix={LEGAL_REP} bind={bind} derived={derivedRep} nameLabel={t('applicant.legalRepName')} />
    </>
  );
}
