import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

/**
 * 修改密码 (staff.changePassword), for everyone signed in: on the terminal page, and in front of every
 * page after an admin reset the password (`forced`), where it is the one thing the terminal allows.
 * The repeat is checked here; the rule and the current password by the back end.
 */
export function ChangePasswordForm({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    const missing: Record<string, string> = {};
    if (current === '') missing.current = t('form.required');
    if (next === '') missing.next = t('form.required');
    else if (repeat !== next) missing.repeat = t('password.mismatch');
    if (Object.keys(missing).length > 0) return setErrors(missing);
    setSending(true);
    const r = await transport.invoke('staff.changePassword', { current, next });
    setSending(false);
    if (!r.ok) return setErrors(fileError(r.error, errorText(r.error), (f) => f === 'current' || f === 'next'));
    setCurrent('');
    setNext('');
    setRepeat('');
    setErrors({});
    setDone(true);
    onDone?.();
  }

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setErrors({});
    setDone(false);
  };

  return (
    <section className={forced ? 'gate' : 'change-password'} aria-labelledby="password-title" data-testid="change-password">
      <h2 id="password-title">{t('password.title')}</h2>
      {forced && (
        <p className="notice-banner" role="status" data-testid="password-forced">
          {t('password.forced')}
        </p>
      )}
      <form
        className="gate-form narrow"
        onKeyDown={enterAdvances(() => void submit())}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t('password.current')} type="password" value={current} onValue={edit(setCurrent)} error={errors.current} testId="password-current" autoFocus={forced} />
        <Field label={t('password.next')} type="password" value={next} onValue={edit(setNext)} error={errors.next} hint={t('password.rule')} testId="password-next" />
        <Field label={t('password.repeat')} type="password" value={repeat} onValue={edit(setRepeat)} error={errors.repeat} testId="password-repeat" />
        {errors[''] && (
          <p className="form-error" role="alert" data-testid="password-error">
            {errors['']}
          </p>
        )}
        {done && (
          <p className="ok" role="status" data-testid="password-changed">
            {t('password.changed')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending} data-testid="password-submit">
            {t('password.submit')} <Kbd>Enter</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
