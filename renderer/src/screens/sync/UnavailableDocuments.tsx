import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult, Role } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { useErrorText } from '../../useErrorText.js';

type Unavailable = HandlerResult<'sync.unavailableBlobs'>[number];

/**
 * Shown while sync stops on a material document this machine can neither read nor make again from its
 * page images (blob_unavailable): which case and material, and, for a supervisor, "send without it"
 * with a note (sync.waiveBlob): the centre flags the case for the back office to ask again.
 */
export function UnavailableDocuments({
  role,
  changeKey,
  onOpenCase,
  onWaived,
}: {
  role: Role;
  changeKey: string;
  onOpenCase: (caseNo: string) => void;
  /** A document was waived: the screen shows so, since this list leaves once sync goes on. */
  onWaived: () => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const id = useId();
  const [list, setList] = useState<Unavailable[] | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);
  const canWaive = role === 'supervisor' || role === 'admin';

  useEffect(() => {
    let live = true;
    void transport.invoke('sync.unavailableBlobs', {}).then((r) => {
      if (live && r.ok) setList(r.value);
      else if (live && !r.ok) setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [transport, changeKey, version]);

  async function waive(sha256: string): Promise<void> {
    setError(null);
    const r = await transport.invoke('sync.waiveBlob', { sha256, note: (notes[sha256] ?? '').trim() });
    if (r.ok) {
      onWaived();
      setVersion((v) => v + 1);
    } else setError(r.error);
  }

  if (!list || (list.length === 0 && !error)) return null;
  return (
    <section className="sync-unavailable" aria-labelledby={`${id}-title`} data-testid="unavailable-documents">
      <h3 id={`${id}-title`}>{t('sync.unavailable.title')}</h3>
      <p className="lead">{t('sync.unavailable.lead')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="unavailable-error">
          {error.code === 'forbidden' ? t('sync.unavailable.supervisorOnly') : errorText(error)}
        </p>
      )}
      <ul>
        {list.map((u) => (
          <li key={u.sha256} data-testid={`unavailable-${u.sha256.slice(0, 12)}`}>
            {u.caseNo ? (
              <button type="button" className="link" onClick={() => onOpenCase(u.caseNo ?? '')}>
                <span className="code">{u.caseNo}</span>
              </button>
            ) : (
              t('sync.rejections.noCase')
            )}{' '}
            {u.material ?? u.entryId ?? ''}
            {canWaive ? (
              <span className="ack-form">
                <label>
                  {t('sync.unavailable.note')}
                  <input type="text" value={notes[u.sha256] ?? ''} maxLength={500} onChange={(e) => setNotes({ ...notes, [u.sha256]: e.target.value })} data-testid={`unavailable-${u.sha256.slice(0, 12)}-note`} />
                </label>
                <button type="button" onClick={() => void waive(u.sha256)} disabled={(notes[u.sha256] ?? '').trim().length < 4} data-testid={`unavailable-${u.sha256.slice(0, 12)}-waive`}>
                  {t('sync.unavailable.waive')}
                </button>
              </span>
            ) : (
              <p className="field-hint">{t('sync.unavailable.supervisorOnly')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
