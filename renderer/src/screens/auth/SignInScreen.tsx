import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { TerminalLine } from './TerminalLine.js';

/** auth.signIn. Focus starts on the login, or on the password when the login is already known. */
export function SignInScreen({ initialLogin, onDone }: { initialLogin: string; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    if (login.trim() === '') return setErrors({ login: t('form.required') });
    setSending(true);
    const r = await transport.invoke('auth.signIn', { login, password });
    setSending(false);
    if (!r.ok) {
      setPassword('');
      return setErrors(fileError(r.error, errorText(r.error), (f) => f === 'login' || f === 'password'));
    }
    onDone();
  }

  return (
    <section className="gate" aria-labelledby="signin-title">
      <h2 id="signin-title">{t('signIn.title')}</h2>
      <TerminalLine />
      <form
        className="gate-form narrow"
        onKeyDown={enterAdvances(() => void submit())}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t('signIn.login')}
          value={login}
          onValue={(v) => {
            setLogin(v);
            setErrors({});
          }}
          error={errors.login}
          testId="signin-login"
          autoFocus={initialLogin === ''}
          maxLength={32}
        />
        <Field
          label={t('signIn.password')}
          type="password"
          value={password}
          onValue={(v) => {
            setPassword(v);
            setErrors({});
          }}
          error={errors.password}
          testId="signin-password"
          autoFocus={initialLogin !== ''}
        />
        {errors[''] && (
          <p className="form-error" role="alert" data-testid="signin-error">
            {errors['']}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending} data-testid="signin-submit">
            {t('signIn.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
