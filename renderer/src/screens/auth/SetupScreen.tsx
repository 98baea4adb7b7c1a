import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Key } from '../../i18n/keys.js';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { CheckField, Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

const TEXT_FIELDS = ['terminalCode', 'windowNo', 'hall', 'district', 'admin.login', 'admin.displayName', 'admin.password', 'repeat'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LABEL: Readonly<Record<TextField, Key>> = {
  terminalCode: 'setup.field.terminalCode',
  windowNo: 'setup.field.windowNo',
  hall: 'setup.field.hall',
  district: 'setup.field.district',
  'admin.login': 'setup.field.admin_login',
  'admin.displayName': 'setup.field.admin_displayName',
  'admin.password': 'setup.field.admin_password',
  repeat: 'setup.field.repeat',
};
const REQUIRED: readonly TextField[] = ['terminalCode', 'windowNo', 'district', 'admin.login', 'admin.displayName', 'admin.password', 'repeat'];

/** First run: who this terminal is and its first admin account (setup.init). */
export function SetupScreen({ onDone }: { onDone: (login: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  // What the clerk typed; a field not typed in yet shows what the host was started with
  // (--terminal/--window/--hall/--district), so those are offered.
  const [typed, setTyped] = useState<Partial<Record<TextField, string>>>({});
  const { data: info } = useHandler('app.info', {});
  const offered: Partial<Record<TextField, string | null>> = info ? { terminalCode: info.terminalCode, windowNo: info.windowNo, hall: info.hall, district: info.district } : {};
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, typed[f] ?? offered[f] ?? ''])) as Record<TextField, string>;
  const [loadSample, setLoadSample] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);

  const set = (field: TextField) => (value: string) => {
    setTyped((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  async function submit(): Promise<void> {
    if (sending) return;
    const found: Record<string, string> = {};
    for (const f of REQUIRED) if (values[f].trim() === '') found[f] = t('form.required');
    if (!found['admin.password'] && values.repeat !== values['admin.password']) found.repeat = t('setup.repeatMismatch');
    if (Object.keys(found).length > 0) return setErrors(found);
    setSending(true);
    const r = await transport.invoke('setup.init', {
      terminalCode: values.terminalCode,
      windowNo: values.windowNo,
      ...(values.hall.trim() ? { hall: values.hall } : {}),
      district: values.district,
      admin: { login: values['admin.login'], displayName: values['admin.displayName'], password: values['admin.password'] },
      loadSampleCatalog: loadSample,
    });
    setSending(false);
    if (!r.ok) return setErrors(fileError(r.error, errorText(r.error), (f) => (TEXT_FIELDS as readonly string[]).includes(f)));
    onDone(r.value.staff.login);
  }

  const field = (name: TextField, extra: { type?: string; autoFocus?: boolean; maxLength?: number } = {}) => (
    <Field
      label={t(LABEL[name])}
      value={values[name]}
      onValue={set(name)}
      error={errors[name]}
      testId={`setup-${name.replace('.', '-')}`}
      {...extra}
    />
  );

  return (
    <section className="gate" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setup.title')}</h2>
      <p className="lead">{t('setup.lead')}</p>
      <form
        className="gate-form"
        onKeyDown={enterAdvances(() => void submit())}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t('setup.terminal')}</legend>
          {field('terminalCode', { autoFocus: true, maxLength: 16 })}
          {field('windowNo', { maxLength: 10 })}
          {field('hall', { maxLength: 100 })}
          {field('district', { maxLength: 50 })}
        </fieldset>
        <fieldset>
          <legend>{t('setup.admin')}</legend>
          {field('admin.login', { maxLength: 32 })}
          {field('admin.displayName', { maxLength: 50 })}
          {field('admin.password', { type: 'password' })}
          {field('repeat', { type: 'password' })}
        </fieldset>
        <CheckField label={t('setup.loadSample')} checked={loadSample} onChecked={setLoadSample} testId="setup-sample" />
        {errors[''] && (
          <p className="form-error" role="alert" data-testid="setup-error">
            {errors['']}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending} data-testid="setup-submit">
            {sending ? t('form.sending') : t('setup.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
