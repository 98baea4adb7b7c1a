import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

type Account = HandlerResult<'staff.accounts'>[number];

/** A temporary password for one account (staff.resetPassword); Escape or 取消 closes without a change. */
export function ResetPasswordForm({ account, onClose }: { account: Account; onClose: (done: boolean) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    if (password === '') return setError(t('form.required'));
    setSending(true);
    const r = await transport.invoke('staff.resetPassword', { staffId: account.id, password });
    setSending(false);
    if (!r.ok) return setError(errorText(r.error));
    onClose(true);
  }

  return (
    <form
      className="reset-password"
      data-testid="staff-reset-form"
      aria-label={t('staff.resetTitle', { login: account.login })}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(false);
        } else enterAdvances(() => void submit())(e);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="sub">{t('staff.resetTitle', { login: account.login })}</h3>
      <Field
        label={t('staff.tempPassword')}
        type="password"
        value={password}
        onValue={(v) => {
          setPassword(v);
          setError(null);
        }}
        error={error}
        hint={t('staff.tempHint')}
        testId="staff-reset-password"
        autoFocus
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={sending} data-testid="staff-reset-submit">
          {t('staff.resetSubmit')} <Kbd>Enter</Kbd>
        </button>
        <button type="button" onClick={() => onClose(false)} data-testid="staff-reset-cancel">
          {t('staff.cancel')} <Kbd>Esc</Kbd>
        </button>
      </div>
    </form>
  );
}
