import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../session/useSession.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { TerminalLine } from './TerminalLine.js';

/**
 * The locked screen: who is signed in, and their password to come back (auth.unlock). The work
 * behind it stays mounted, so an intake half typed in survives the lock.
 */
export function LockScreen({ staff, onUnlocked, onSomeoneElse }: { staff: Staff; onUnlocked: () => void; onSomeoneElse: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    setSending(true);
    const r = await transport.invoke('auth.unlock', { password });
    setSending(false);
    if (!r.ok) {
      setPassword('');
      return setErrors(fileError(r.error, errorText(r.error), (f) => f === 'password'));
    }
    onUnlocked();
  }

  return (
    <section className="gate lock" aria-labelledby="lock-title" data-testid="lock-screen">
      <h2 id="lock-title">{t('lock.title')}</h2>
      <TerminalLine />
      <p className="lead" data-testid="lock-staff">
        {t('lock.who', { name: staff.displayName, login: staff.login })}
      </p>
      <form
        className="gate-form narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onSomeoneElse();
          }
        }}
      >
        <Field
          label={t('lock.password')}
          type="password"
          value={password}
          onValue={(v) => {
            setPassword(v);
            setErrors({});
          }}
          error={errors.password}
          testId="lock-password"
          autoFocus
        />
        {errors[''] && (
          <p className="form-error" role="alert" data-testid="lock-error">
            {errors['']}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending} data-testid="lock-submit">
            {t('lock.unlock')} <Kbd>Enter</Kbd>
          </button>
          <button type="button" onClick={onSomeoneElse} data-testid="lock-someone-else">
            {t('lock.someoneElse')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
