import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

const MIN = 1;
const MAX = 120;

/** 自动锁屏 (admins): after how many idle minutes the screen locks (settings.setIdleLock, journaled). */
export function IdleLockSetting({ onSaved }: { onSaved?: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const { data: session, reload } = useHandler('auth.session', {});
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const value = typed ?? (session ? String(session.idleLockMinutes) : '');

  async function save(): Promise<void> {
    const minutes = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!(minutes >= MIN && minutes <= MAX)) return setError(t('terminalSettings.idleRange', { min: MIN, max: MAX }));
    const r = await transport.invoke('settings.setIdleLock', { minutes });
    if (!r.ok) return setError(errorText(r.error));
    setSaved(r.value.minutes);
    setTyped(null);
    reload();
    onSaved?.();
  }

  return (
    <form
      className="idle-lock-setting"
      aria-labelledby="idle-title"
      data-testid="idle-lock-setting"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="sub" id="idle-title">
        {t('terminalSettings.idleTitle')}
      </h3>
      <div className="row">
        <Field
          label={t('terminalSettings.idleMinutes')}
          value={value}
          onValue={(v) => {
            setTyped(v);
            setError(null);
            setSaved(null);
          }}
          error={error}
          hint={t('terminalSettings.idleRange', { min: MIN, max: MAX })}
          inputMode="numeric"
          maxLength={3}
          testId="idle-minutes"
        />
      </div>
      {saved !== null && (
        <p className="ok" role="status" data-testid="idle-saved">
          {t('terminalSettings.idleSaved', { minutes: saved })}
        </p>
      )}
      <div className="actions">
        <button type="submit" data-testid="idle-save">
          {t('terminalSettings.save')} <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
