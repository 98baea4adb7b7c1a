import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { Field } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import type { NoticePrint } from './useNoticeData.js';

const FIELDS = ['reason', 'supervisor', 'supervisorPassword'] as const;
type VoidField = (typeof FIELDS)[number];

/**
 * 作废: voids one print, signed off by a supervisor with their own login and password, with a
 * reason (notices.void). All keyboard: Enter goes from field to field and, in the password, signs;
 * Esc cancels. A refusal shows next to the field it is about (a wrong sign-off at the password).
 *
 * Not a modal <dialog>: a modal one would make the whole document inert, the lock screen included,
 * if the terminal locked with it open. This one sits over the page, keeps Tab inside, and is hidden
 * with its page.
 */
export function VoidDialog({ caseNo, print, onClose }: { caseNo: string; print: NoticePrint; onClose: (voided: boolean) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<Record<VoidField, string>>({ reason: '', supervisor: '', supervisorPassword: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const which = print.printNo === 0 ? t('notice.firstPrint') : t('notice.reprintNo', { n: print.printNo });

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-field]')?.focus();
  }, []);

  /** Shows the errors, and puts the focus in the first field they are about. */
  function refuse(next: FieldErrors): void {
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    if (first) box.current?.querySelector<HTMLElement>(`[data-testid="${testIdOf(first)}"]`)?.focus();
  }

  const set = (field: VoidField) => (v: string) => {
    setValues((prev) => ({ ...prev, [field]: v }));
    setErrors((prev) => {
      const { [field]: _gone, ...rest } = prev;
      return rest;
    });
  };

  async function submit(): Promise<void> {
    if (sending) return;
    const local: Record<string, string> = {};
    if (values.reason.trim().length < 4) local.reason = t('reasons.void_reason_short');
    if (!values.supervisor.trim()) local.supervisor = t('reasons.uscc_override_supervisor');
    if (!values.supervisorPassword) local.supervisorPassword = t('reasons.supervisor_password_empty');
    if (Object.keys(local).length > 0) return refuse(local);
    setSending(true);
    const r = await transport.invoke('notices.void', {
      caseNo,
      kind: print.kind,
      printNo: print.printNo,
      reason: values.reason.trim(),
      supervisor: values.supervisor.trim(),
      supervisorPassword: values.supervisorPassword,
    });
    setSending(false);
    if (r.ok) return onClose(true);
    setValues((prev) => ({ ...prev, supervisorPassword: '' }));
    refuse(fileError(r.error, errorText(r.error), (f) => (FIELDS as readonly string[]).includes(f)));
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // the case detail under it closes on Esc too
      onClose(false);
    } else if (e.key === 'Tab') {
      trapTab(e);
    }
  }

  return (
    <div className="modal-backdrop">
      <div className="dialog void-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} ref={box} onKeyDown={onKeyDown} data-testid="void-dialog">
        <h3 id={`${id}-title`}>{t('voidNotice.title', { documentNo: print.documentNo, which })}</h3>
        <p className="lead">{t('voidNotice.lead')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          onKeyDown={(e) => enterAdvances(() => void submit())(e)}
        >
          <Field label={t('voidNotice.reason')} className="wide" value={values.reason} onValue={set('reason')} error={errors.reason} testId="void-reason" maxLength={500} />
          <div className="row">
            <Field label={t('voidNotice.supervisor')} value={values.supervisor} onValue={set('supervisor')} error={errors.supervisor} testId="void-supervisor" maxLength={32} />
            <Field
              label={t('voidNotice.password')}
              type="password"
              value={values.supervisorPassword}
              onValue={set('supervisorPassword')}
              error={errors.supervisorPassword}
              testId="void-password"
              maxLength={200}
            />
          </div>
          {errors[''] && (
            <p className="form-error" role="alert" data-testid="void-error">
              {errors['']}
            </p>
          )}
          <p className="field-hint">
            <Kbd>Enter</Kbd> {t('keys.nextField')} · <Kbd>Esc</Kbd> {t('voidNotice.cancel')}
          </p>
          <div className="actions">
            <button type="submit" className="primary danger" disabled={sending} data-testid="void-confirm">
              {sending ? t('form.sending') : t('voidNotice.confirm')} <Kbd>Enter</Kbd>
            </button>
            <button type="button" onClick={() => onClose(false)} data-testid="void-cancel">
              {t('voidNotice.cancel')} <Kbd>Esc</Kbd>
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function testIdOf(field: VoidField): string {
  return field === 'supervisorPassword' ? 'void-password' : `void-${field}`;
}

/** Keeps Tab and Shift+Tab within the dialog. */
function trapTab(e: React.KeyboardEvent<HTMLElement>): void {
  const focusable = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input, button, select, textarea')).filter((el) => !el.hasAttribute('disabled'));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
