import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../core/api/contract-sync.js';
import type { Key } from '../../i18n/keys.js';
import { Kbd } from '../../ui/Kbd.js';
import { useSync } from './syncContext.js';
import { shortHallTime } from './syncText.js';
import { useNow } from './useNow.js';
import './sync.css';

/** Waiting this long, the oldest command's time is shown: the link has been down a while. */
export const OLD_WAITING_MS = 10 * 60_000;

export type LinkState = 'loading' | 'not-enrolled' | SyncStatus['connection'];

const CONNECTION_LABEL: Readonly<Record<SyncStatus['connection'], Key>> = { online: 'sync.indicator.online', offline: 'sync.indicator.offline', unknown: 'sync.indicator.unknown' };

export function linkState(status: SyncStatus | null): LinkState {
  if (!status) return 'loading';
  return status.enrolled ? status.connection : 'not-enrolled';
}

/**
 * The nav bar's always-visible view of the link to the centre: online or offline (or not linked),
 * commands waiting (with the oldest one's time once it is old), a problem that needs a person, and
 * refusals to handle. It opens the sync page (its `shortcut`, Alt+4).
 */
export function SyncIndicator({ active, onOpen, shortcut }: { active: boolean; onOpen: () => void; shortcut: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { status } = useSync();
  const now = useNow(30_000);
  const state = linkState(status);
  const attention = status?.error?.needsAttention === true;
  // Stopped for a person (revoked, upgrade needed …): "online" would reassure wrongly, whatever the link.
  const stateText =
    state === 'loading' ? t('shell.loading') : state === 'not-enrolled' ? t('sync.indicator.notEnrolled') : attention ? t('sync.indicator.stopped') : t(CONNECTION_LABEL[state]);

  const parts: string[] = [stateText];
  let waitingText = '';
  if (status && status.waiting > 0) {
    waitingText = t('sync.indicator.waiting', { count: status.waiting });
    const since = status.oldestWaitingSince;
    if (since && now - Date.parse(since) >= OLD_WAITING_MS) waitingText += ` · ${t('sync.indicator.since', { time: shortHallTime(since, now) })}`;
    parts.push(waitingText);
  }
  if (attention) parts.push(t('sync.indicator.attention'));
  const refused = status?.rejectionsToHandle ?? 0;
  if (refused > 0) parts.push(t('sync.indicator.rejections', { count: refused }));

  return (
    <button
      type="button"
      className={`sync-indicator link-${state}${attention ? ' needs-attention' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-label={t('sync.indicator.label', { state: parts.join(t('sync.indicator.separator')) })}
      title={t('sync.indicator.label', { state: parts.join(t('sync.indicator.separator')) })}
      onClick={onOpen}
      data-testid="sync-indicator"
      data-link={state}
      data-waiting={status?.waiting ?? ''}
      data-attention={attention ? 'true' : 'false'}
      data-rejections={refused}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span data-testid="sync-indicator-state">{stateText}</span>
      {status?.syncing && <span className="sync-busy">{t('sync.indicator.syncing')}</span>}
      {waitingText && (
        <span className="sync-chip sync-waiting" data-testid="sync-indicator-waiting">
          {waitingText}
        </span>
      )}
      {attention && (
        <span className="sync-chip sync-attention" data-testid="sync-indicator-attention">
          ⚠ {t('sync.indicator.attention')}
        </span>
      )}
      {refused > 0 && (
        <span className="sync-chip sync-refused" data-testid="sync-indicator-rejections">
          {t('sync.indicator.rejections', { count: refused })}
        </span>
      )}
      <Kbd>{shortcut}</Kbd>
    </button>
  );
}
