import { useTranslation } from 'react-i18next';
import { ID_DOC_TYPES, normalizeDocumentNumber } from '../../../../core/applicant/index.js';
import { Field, SelectField } from '../../ui/Field.js';
import type { Bind } from './binding.js';
import { ID_TYPE_LABEL, SEX_LABEL } from './labels.js';

/**
 * ID document type, number and name of a person: the applicant, an organisation's legal
 * representative, or an agent. A valid GB 11643 number shows the birth date and sex it encodes, so
 * the clerk can compare them with the person at the counter.
 */
export function IdentityFields({
  prefix,
  bind,
  derived,
  autoFocusNumber = false,
  nameLabel,
}: {
  prefix: string;
  bind: Bind;
  derived: { birthDate: string; sex: 'male' | 'female' } | null;
  autoFocusNumber?: boolean;
  nameLabel?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const type = bind(`${prefix}.idType`);
  const number = bind(`${prefix}.idNumber`);
  const name = bind(`${prefix}.name`);
  const typed = normalizeDocumentNumber(number.value).length;
  const hint = derived
    ? t('applicant.derived', { birthDate: derived.birthDate, sex: t(SEX_LABEL[derived.sex]) })
    : type.value === 'resident_id' && typed > 0 && typed < 18
      ? t('applicant.idProgress', { n: typed })
      : undefined;
  return (
    <div className="row">
      <SelectField
        label={t('applicant.idType')}
        value={type.value}
        onValue={type.onValue}
        testId={type.testId}
        options={ID_DOC_TYPES.map((v) => ({ value: v, label: t(ID_TYPE_LABEL[v]) }))}
      />
      <Field
        label={t('applicant.idNumber')}
        className="wide"
        value={number.value}
        onValue={number.onValue}
        onBlur={number.onBlur}
        error={number.error}
        hint={hint && <span data-testid={derived ? `${number.testId}-derived` : undefined}>{hint}</span>}
        testId={number.testId}
        maxLength={40}
        autoFocus={autoFocusNumber}
        data-autofocus={autoFocusNumber ? '' : undefined}
      />
      <Field label={nameLabel ?? t('applicant.name')} value={name.value} onValue={name.onValue} onBlur={name.onBlur} error={name.error} testId={name.testId} maxLength={100} />
    </div>
  );
}
