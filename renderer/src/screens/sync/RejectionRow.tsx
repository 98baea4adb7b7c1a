import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useErrorText } from '../../useErrorText.js';
import { hallTime, useSyncText } from './syncText.js';
import type { Rejection } from './useRejections.js';

export interface RejectionRowProps {
  r: Rejection;
  canAcknowledge: boolean;
  onOpenCase: (caseNo: string) => void;
  onAcknowledged: (r: Rejection) => void;
}

/**
 * One refused command: when, which case (a link that opens it), what the command was, the centre's
 * reason (translated where its code is known, and its own words), and who handled it, or the
 * supervisor's "handled" with an optional note (Enter confirms, Esc cancels).
 */
export function RejectionRow({ r, canAcknowledge, onOpenCase, onAcknowledged }: RejectionRowProps): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const text = useSyncText();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<AppError | null>(null);

  async function confirm(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setRefused(null);
    const n = note.trim();
    const res = await transport.invoke('sync.acknowledgeRejection', { id: r.id, ...(n ? { note: n } : {}) });
    setBusy(false);
    if (res.ok) {
      setAsking(false);
      onAcknowledged(res.value);
    } else setRefused(res.error);
  }

  const refusalText = refused ? (refused.code === 'forbidden' ? t('sync.rejections.refused') : errorText(refused)) : null;

  return (
    <tr data-testid={`rejection-${r.id}`} data-code={r.code} className={r.handledAt ? 'handled' : undefined}>
      <td>{hallTime(r.at)}</td>
      <td>
        {r.caseNo ? (
          <button type="button" className="link" onClick={() => onOpenCase(r.caseNo ?? '')} data-testid={`rejection-${r.id}-case`} title={t('sync.rejections.openCase')}>
            <span className="code">{r.caseNo}</span>
          </button>
        ) : (
          t('sync.rejections.noCase')
        )}
      </td>
      <td>{text.command(r.name)}</td>
      <td>
        <span className="rejection-reason" data-testid={`rejection-${r.id}-reason`}>
          {text.rejection(r.code)}
        </span>
        <span className="rejection-said" data-testid={`rejection-${r.id}-said`}>
          {t('sync.rejections.serverSaid', { reason: r.reason })}
        </span>
      </td>
      <td data-testid={`rejection-${r.id}-handling`}>
        {r.handledAt ? (
          t('sync.rejections.handledBy', { name: r.handledBy ?? '—', time: hallTime(r.handledAt) })
        ) : asking ? (
          <div
            className="ack-form"
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'Escape') {
                e.preventDefault();
                setAsking(false);
              } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
                e.preventDefault();
                void confirm();
              }
            }}
          >
            <label>
              {t('sync.rejections.note')}
              <input type="text" value={note} maxLength={500} autoFocus onChange={(e) => setNote(e.target.value)} data-testid={`rejection-${r.id}-note`} />
            </label>
            <button type="button" className="primary" onClick={() => void confirm()} disabled={busy} data-testid={`rejection-${r.id}-confirm`}>
              {t('sync.rejections.confirm')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('sync.rejections.cancel')}
            </button>
          </div>
        ) : (
          <>
            <button
              type="button"
              onClick={() => setAsking(true)}
              disabled={!canAcknowledge}
              title={canAcknowledge ? undefined : t('sync.rejections.supervisorOnly')}
              data-testid={`rejection-${r.id}-acknowledge`}
            >
              {t('sync.rejections.acknowledge')}
            </button>
            {!canAcknowledge && <p className="field-hint">{t('sync.rejections.supervisorOnly')}</p>}
          </>
        )}
        {refusalText && (
          <p className="field-error" role="alert" data-testid={`rejection-${r.id}-error`}>
            {refusalText}
          </p>
        )}
      </td>
    </tr>
  );
}
