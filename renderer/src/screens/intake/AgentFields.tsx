import { useTranslation } from 'react-i18next';
import { CheckField, Field } from '../../ui/Field.js';
import { AGENT } from './applicantForm.js';
import type { Bind } from './binding.js';
import { IdentityFields } from './IdentityFields.js';

/** An agent (代理人) acting for the applicant, with the power of attorney they bring. */
export function AgentFields({
  bind,
  derived,
  powerOfAttorney,
  onPowerOfAttorney,
  powerError,
}: {
  bind: Bind;
  derived: { birthDate: string; sex: 'male' | 'female' } | null;
  powerOfAttorney: boolean;
  onPowerOfAttorney: (v: boolean) => void;
  powerError: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const phone = bind(`${AGENT}.phone`);
  const address = bind(`${AGENT}.address`);
  return (
    <fieldset className="agent" data-testid="agent">
      <legend>{t('applicant.agent')}</legend>
      <IdentityFields prefix={AGENT} bind={bind} derived={derived} nameLabel={t('applicant.agentName')} />
      <div className="row">
        <Field label={t('applicant.phone')} value={phone.value} onValue={phone.onValue} onBlur={phone.onBlur} error={phone.error} testId={phone.testId} maxLength={30} />
        <Field label={t('applicant.address')} className="wide" value={address.value} onValue={address.onValue} onBlur={address.onBlur} error={address.error} testId={address.testId} maxLength={300} />
      </div>
      <CheckField label={t('applicant.powerOfAttorney')} checked={powerOfAttorney} onChecked={onPowerOfAttorney} testId="applicant-agent-powerOfAttorney" error={powerError} />
    </fieldset>
  );
}
