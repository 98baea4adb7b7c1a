import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../core/api/contract.js';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { Field, SelectField } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { ROLE_LABEL } from '../../ui/roleLabel.js';

const FIELDS = ['login', 'displayName', 'role', 'password'] as const;
const LOGIN = /^[a-z0-9._-]{2,32}$/i;

/**
 * 新增人员: a clerk by default; the first password is temporary unless the admin unticks it, so the
 * person chooses their own at the first sign-in. Every field's problem shows at once, under it.
 */
export function CreateStaffForm({ onCreated }: { onCreated: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    const found: Record<string, string> = {};
    if (!LOGIN.test(login.trim())) found.login = t('staff.loginFormat');
    if (displayName.trim() === '') found.displayName = t('form.required');
    if (password === '') found.password = t('form.required');
    if (Object.keys(found).length > 0) return setErrors(found);
    setSending(true);
    const r = await transport.invoke('staff.create', { login: login.trim(), displayName: displayName.trim(), role, password, mustChangePassword: mustChange });
    setSending(false);
    if (!r.ok) return setErrors(fileError(r.error, errorText(r.error), (f) => (FIELDS as readonly string[]).includes(f)));
    setCreated(r.value.login);
    setLogin('');
    setDisplayName('');
    setPassword('');
    setErrors({});
    onCreated();
  }

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setErrors({});
    setCreated(null);
  };

  return (
    <form
      className="create-staff"
      aria-labelledby="staff-create-title"
      data-testid="staff-create"
      onKeyDown={enterAdvances(() => void submit())}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="sub" id="staff-create-title">
        {t('staff.createTitle')}
      </h3>
      <div className="row">
        <Field label={t('staff.login')} value={login} onValue={edit(setLogin)} error={errors.login} hint={t('staff.loginFormat')} testId="staff-new-login" maxLength={32} />
        <Field label={t('staff.displayName')} value={displayName} onValue={edit(setDisplayName)} error={errors.displayName} testId="staff-new-name" maxLength={50} />
        <SelectField label={t('staff.role')} value={role} onValue={(v) => setRole(v as Role)} options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))} testId="staff-new-role" error={errors.role} />
        <Field label={t('staff.firstPassword')} type="password" value={password} onValue={edit(setPassword)} error={errors.password} hint={t('password.rule')} testId="staff-new-password" />
      </div>
      <label className="check">
        <input type="checkbox" checked={mustChange} onChange={(e) => setMustChange(e.target.checked)} data-testid="staff-new-must-change" />
        {t('staff.mustChangeAtFirst')}
      </label>
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="staff-create-error">
          {errors['']}
        </p>
      )}
      {created && (
        <p className="ok" role="status" data-testid="staff-created">
          {t('staff.created', { login: created })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={sending} data-testid="staff-create-submit">
          {t('staff.createSubmit')} <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
