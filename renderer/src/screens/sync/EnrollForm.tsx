import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { enterAdvances } from '../../shell/focus.js';
import { useSync } from './syncContext.js';
import { useSyncText } from './syncText.js';

type Enrolled = HandlerResult<'sync.enroll'>;
const FIELDS = ['serverUrl', 'code', 'label'] as const;

/**
 * 接入中心服务 (admins): the central service's address, IT's one-time code and an optional name for
 * the machine → `sync.enroll`. Enter moves field to field and links from the last. A refusal is shown
 * under the field it is about (a used code under the code, an unreachable server under the address),
 * else above the form. `onEnrolled` lets the page read the terminal's new code, window and hall.
 */
export function EnrollForm({ onEnrolled }: { onEnrolled: (r: Enrolled) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const text = useSyncText();
  const { status, apply } = useSync();
  const id = useId();
  const [serverUrl, setServerUrl] = useState(status?.serverUrl ?? '');
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Enrolled | null>(null);

  async function submit(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setDone(null);
    const l = label.trim();
    const r = await transport.invoke('sync.enroll', { serverUrl: serverUrl.trim(), code: code.trim(), ...(l ? { label: l } : {}) });
    setBusy(false);
    if (r.ok) {
      setDone(r.value);
      setCode('');
      apply(r.value.status);
      onEnrolled(r.value);
    } else {
      setErrors(fileError(r.error, text.enrollError(r.error), (f) => (FIELDS as readonly string[]).includes(f)));
    }
  }

  const where = done ? [done.windowNo && t('sync.enroll.doneWindow', { windowNo: done.windowNo }), done.hall && t('sync.enroll.doneHall', { hall: done.hall }), done.district && t('sync.enroll.doneDistrict', { district: done.district })].filter(Boolean) : [];

  return (
    <section className="enroll" aria-labelledby={`${id}-title`} data-testid="enroll">
      <h2 id={`${id}-title`}>{t('sync.enroll.title')}</h2>
      <p className="lead">{t('sync.enroll.lead')}</p>
      {status?.enrolled && status.serverUrl && status.terminalCode && (
        <p className="note" data-testid="enroll-current">
          {t('sync.enroll.current', { serverUrl: status.serverUrl, terminalCode: status.terminalCode })}
        </p>
      )}
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="enroll-error">
          {errors['']}
        </p>
      )}
      <form
        className="gate-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={enterAdvances(() => void submit())}
      >
        <div className="row">
          <Field className="wide" label={t('sync.enroll.serverUrl')} value={serverUrl} onValue={setServerUrl} error={errors.serverUrl} hint={t('sync.enroll.serverUrlHint')} testId="enroll-serverUrl" inputMode="url" />
        </div>
        <div className="row">
          <Field label={t('sync.enroll.code')} value={code} onValue={setCode} error={errors.code} hint={t('sync.enroll.codeHint')} testId="enroll-code" />
          <Field label={t('sync.enroll.label')} value={label} onValue={setLabel} error={errors.label} hint={t('sync.enroll.labelHint')} testId="enroll-label" maxLength={100} />
        </div>
        <p className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="enroll-submit">
            {busy ? t('sync.enroll.submitting') : t('sync.enroll.submit')}
          </button>
        </p>
      </form>
      {done && (
        <p className="ok" role="status" data-testid="enroll-done">
          {t('sync.enroll.done', { terminalCode: done.terminalCode, where: where.length > 0 ? t('sync.enroll.doneWhere', { list: where.join(t('sync.indicator.separator')) }) : '' })}
        </p>
      )}
    </section>
  );
}
