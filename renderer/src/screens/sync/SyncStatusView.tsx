import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { Key } from '../../i18n/keys.js';
import { OLD_WAITING_MS } from './SyncIndicator.js';
import { hallTime, useSyncText } from './syncText.js';
import { useNow } from './useNow.js';

const CONNECTION_LABEL: Readonly<Record<SyncStatus['connection'], Key>> = { online: 'sync.status.connection_online', offline: 'sync.status.connection_offline', unknown: 'sync.status.connection_unknown' };

/** The link in full: where to, as which terminal, connected or not, what waits, when it last worked, what is wrong. */
export function SyncStatusView({ status }: { status: SyncStatus }): React.JSX.Element {
  const { t } = useTranslation();
  const text = useSyncText();
  const now = useNow(30_000);
  const time = (iso: string | null): string => (iso ? hallTime(iso, now) : t('sync.status.never'));

  const since = status.oldestWaitingSince;
  const waiting =
    status.waiting === 0
      ? t('sync.status.waitingNone')
      : since && now - Date.parse(since) >= OLD_WAITING_MS
        ? t('sync.status.waitingSince', { count: status.waiting, time: hallTime(since, now) })
        : t('sync.status.waitingCount', { count: status.waiting });

  const rows: [string, string, React.ReactNode][] = [];
  if (status.enrolled) {
    rows.push(
      ['serverUrl', t('sync.status.serverUrl'), status.serverUrl ?? ''],
      ['terminalCode', t('sync.status.terminalCode'), status.terminalCode ?? ''],
      [
        'connection',
        t('sync.status.connection'),
        <>
          <span className={`sync-conn conn-${status.connection}`}>{t(CONNECTION_LABEL[status.connection])}</span>
          {status.syncing && ` ${t('sync.status.syncingNow')}`}
        </>,
      ],
    );
  }
  rows.push(['waiting', t('sync.status.waiting'), waiting]);
  if (status.enrolled) {
    rows.push(
      ['lastSyncAt', t('sync.status.lastSyncAt'), time(status.lastSyncAt)],
      ['lastPushAt', t('sync.status.lastPushAt'), time(status.lastPushAt)],
      ['lastPullAt', t('sync.status.lastPullAt'), time(status.lastPullAt)],
    );
    if (status.behind) rows.push(['behind', t('sync.status.behind'), t('sync.status.behindCount', { holds: status.behind.holds, centre: status.behind.centre })]);
    if (status.nextRetryAt) rows.push(['nextRetryAt', t('sync.status.nextRetryAt'), time(status.nextRetryAt)]);
    rows.push(['rejections', t('sync.status.rejections'), status.rejectionsToHandle === 0 ? t('sync.status.none') : t('sync.status.rejectionsCount', { count: status.rejectionsToHandle })]);
  }

  const problem = status.error;
  return (
    <>
      <dl className="info" data-testid="sync-status">
        {rows.map(([key, label, value]) => (
          <div key={key} className="info-row">
            <dt>{label}</dt>
            <dd data-testid={`sync-status-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {problem && (
        <div className={`sync-problem${problem.needsAttention ? ' needs-attention' : ''}`} role="alert" data-testid="sync-problem" data-code={problem.code}>
          <p className="sync-problem-text">
            <strong>{t('sync.status.problemLabel')}</strong>
            <span data-testid="sync-problem-text">{text.problem(problem.code)}</span>{' '}
            {problem.needsAttention ? t('sync.problem.attention') : t('sync.problem.retrying')}
          </p>
          <p className="sync-problem-details">
            {problem.at && <span>{t('sync.problem.at', { time: hallTime(problem.at, now) })} · </span>}
            <span data-testid="sync-problem-message">{t('sync.problem.details', { message: problem.message })}</span>
          </p>
        </div>
      )}
    </>
  );
}
