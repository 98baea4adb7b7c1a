import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { useErrorText } from '../../useErrorText.js';
import { RejectionRow } from './RejectionRow.js';
import { useRejections, type Rejection } from './useRejections.js';

/**
 * 被中心退回的指令: what the centre refused, newest first, each linked to its case. Supervisors and
 * admins mark one as handled once the case is put right at the counter (the handler refuses clerks).
 */
export function RejectionList({ role, changeKey, onOpenCase }: { role: Role; changeKey: string; onOpenCase: (caseNo: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [all, setAll] = useState(false);
  const { list, error, reload } = useRejections(all ? 'all' : 'open', changeKey);
  const [done, setDone] = useState<Rejection | null>(null);

  return (
    <section className="sync-rejections" aria-labelledby={`${id}-title`} data-testid="rejections">
      <h3 id={`${id}-title`}>{t('sync.rejections.title')}</h3>
      <p className="lead">{t('sync.rejections.lead')}</p>
      <label className="field-check-inline">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="rejections-all" /> {t('sync.rejections.showAll')}
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="rejections-error">
          {errorText(error)}
        </p>
      )}
      {done && (
        <p className="ok" role="status" data-testid="rejections-acknowledged">
          {t('sync.rejections.acknowledged', { what: done.caseNo ?? `#${done.id}` })}
        </p>
      )}
      {list && list.length === 0 && (
        <p className="empty" data-testid="rejections-none">
          {all ? t('sync.rejections.noneAll') : t('sync.rejections.none')}
        </p>
      )}
      {list && list.length > 0 && (
        <table className="table" data-testid="rejections-list">
          <thead>
            <tr>
              <th>{t('sync.rejections.at')}</th>
              <th>{t('sync.rejections.case')}</th>
              <th>{t('sync.rejections.command')}</th>
              <th>{t('sync.rejections.reason')}</th>
              <th>{t('sync.rejections.handled')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <RejectionRow
                key={r.id}
                r={r}
                canAcknowledge={role === 'supervisor' || role === 'admin'}
                onOpenCase={onOpenCase}
                onAcknowledged={(handled) => {
                  setDone(handled);
                  reload();
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
