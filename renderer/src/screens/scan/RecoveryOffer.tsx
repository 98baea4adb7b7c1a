import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

/**
 * After a crash (or a window closed mid-intake): pages scanned for an intake that was never
 * submitted are still stored. Offered when the intake screen opens: continue one (the intake starts
 * again with that batch's id, so its pages are there in the materials step), or discard it, after a
 * second, explicit confirmation, since the pages are gone then.
 */
export function RecoveryOffer({ currentIntakeId, onContinue }: { currentIntakeId: string; onContinue: (intakeId: string) => void }): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const id = useId();
  const open = useHandler('scans.openBatches', {});
  const [confirming, setConfirming] = useState<string | null>(null);
  // A refused discard; the list's own refusal shows otherwise.
  const [refused, setRefused] = useState<AppError | null>(null);
  const error = refused ?? open.error;
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const offered = (open.data?.batches ?? []).filter((b) => b.intakeId !== currentIntakeId && b.pages > 0);
  if (offered.length === 0 && !error) return null;

  const when = (iso: string): string => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  /** Back from "discard?" without discarding: the focus returns to that batch's Discard button. */
  function keep(intakeId: string): void {
    setConfirming(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="scan-recovery-discard-${intakeId}"]`)?.focus());
  }

  async function discard(intakeId: string): Promise<void> {
    const r = await transport.invoke('scans.discard', { intakeId });
    setConfirming(null);
    setRefused(r.ok ? null : r.error);
    open.reload();
  }

  return (
    <section className="recovery" aria-labelledby={`${id}-title`} data-testid="scan-recovery">
      <h3 id={`${id}-title`}>{t('scan.recoveryTitle')}</h3>
      <p className="field-hint">{t('scan.recoveryLead')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="scan-recovery-error">
          {errorText(error)}
        </p>
      )}
      <ul className="recovery-list">
        {offered.map((b) => (
          <li key={b.intakeId} data-testid={`scan-recovery-${b.intakeId}`}>
            <span className="recovery-what" data-testid={`scan-recovery-${b.intakeId}-what`}>
              {t('scan.recoveryBatch', { pages: b.pages, staff: b.staff, started: when(b.createdAt), updated: when(b.updatedAt) })}
            </span>
            {confirming === b.intakeId ? (
              <span className="recovery-confirm" role="alert">
                {t('scan.discardConfirm', { pages: b.pages })}{' '}
                <button
                  type="button"
                  ref={confirmButton}
                  className="small danger"
                  onClick={() => void discard(b.intakeId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      keep(b.intakeId);
                    }
                  }}
                  data-testid="scan-recovery-discard-confirm"
                >
                  {t('scan.discardYes')} <Kbd>Enter</Kbd>
                </button>{' '}
                <button type="button" className="small" onClick={() => keep(b.intakeId)} data-testid="scan-recovery-discard-cancel">
                  {t('scan.discardNo')} <Kbd>Esc</Kbd>
                </button>
              </span>
            ) : (
              <span className="recovery-actions">
                <button type="button" className="small primary" onClick={() => onContinue(b.intakeId)} data-testid={`scan-recovery-continue-${b.intakeId}`}>
                  {t('scan.recoveryContinue')}
                </button>{' '}
                <button type="button" className="small" onClick={() => setConfirming(b.intakeId)} data-testid={`scan-recovery-discard-${b.intakeId}`}>
                  {t('scan.recoveryDiscard')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
