import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type HandlerResult, type Role } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { useErrorText } from '../../useErrorText.js';
import { CreateStaffForm } from './CreateStaffForm.js';
import { ResetPasswordForm } from './ResetPasswordForm.js';
import { ROLE_LABEL } from '../../ui/roleLabel.js';

type Account = HandlerResult<'staff.accounts'>[number];

/**
 * 人员管理 (admins): every account of this terminal with its role and standing; an admin adds clerks
 * and supervisors, changes roles, resets a password (the account must choose its own at the next
 * sign-in) and disables or enables an account. Each change is journaled by the back end, which also
 * keeps the terminal from losing its last admin.
 */
export function StaffAdmin(): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const { data: accounts, error, reload } = useHandler('staff.accounts', {}, { keep: true });
  const [resetting, setResetting] = useState<Account | null>(null);
  const [said, setSaid] = useState<{ id: number; text: string; ok: boolean } | null>(null);

  function answered(a: Account, r: { ok: true } | { ok: false; error: AppError }, okText: string): void {
    setSaid({ id: a.id, ok: r.ok, text: r.ok ? okText : errorText(r.error) });
    reload();
  }

  async function changeRole(a: Account, role: Role): Promise<void> {
    if (role === a.role) return;
    const r = await transport.invoke('staff.setRole', { staffId: a.id, role });
    answered(a, r, t('staff.roleChanged', { login: a.login, role: t(ROLE_LABEL[role]) }));
  }

  async function toggle(a: Account): Promise<void> {
    const r = await transport.invoke('staff.setActive', { staffId: a.id, active: !a.active });
    answered(a, r, t(a.active ? 'staff.disabled' : 'staff.enabled', { login: a.login }));
  }

  return (
    <section className="staff-admin" aria-labelledby="staff-title" data-testid="staff-admin">
      <h2 id="staff-title">{t('staff.title')}</h2>
      {error && (
        <p className="form-error" role="alert" data-testid="staff-error">
          {errorText(error)}
        </p>
      )}
      {accounts && (
        <table className="table" data-testid="staff-list">
          <thead>
            <tr>
              <th>{t('staff.login')}</th>
              <th>{t('staff.displayName')}</th>
              <th>{t('staff.role')}</th>
              <th>{t('staff.standing')}</th>
              <th>{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-testid={`staff-${a.login}`} className={a.active ? undefined : 'inactive'}>
                <td className="code">{a.login}</td>
                <td>{a.displayName}</td>
                <td>
                  <select
                    aria-label={t('staff.roleOf', { login: a.login })}
                    value={a.role}
                    onChange={(e) => void changeRole(a, e.target.value as Role)}
                    data-testid={`staff-${a.login}-role`}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(ROLE_LABEL[r])}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-testid={`staff-${a.login}-standing`}>
                  {a.active ? t('staff.active') : t('staff.inactive')}
                  {a.mustChangePassword && <span className="badge">{t('staff.mustChange')}</span>}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => setResetting(a)} data-testid={`staff-${a.login}-reset`}>
                    {t('staff.reset')}
                  </button>
                  <button type="button" onClick={() => void toggle(a)} data-testid={`staff-${a.login}-toggle`}>
                    {a.active ? t('staff.disable') : t('staff.enable')}
                  </button>
                  {said?.id === a.id && (
                    <p className={said.ok ? 'ok' : 'field-error'} role={said.ok ? 'status' : 'alert'} data-testid={`staff-${a.login}-said`}>
                      {said.text}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <ResetPasswordForm
          account={resetting}
          onClose={(done) => {
            setResetting(null);
            if (done) {
              setSaid({ id: resetting.id, ok: true, text: t('staff.resetDone', { login: resetting.login }) });
              reload();
            }
          }}
        />
      )}
      <CreateStaffForm onCreated={reload} />
    </section>
  );
}
