import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { useFocusWhenActive } from '../../shell/useFocusWhenActive.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { RejectionList } from './RejectionList.js';
import { SyncStatusView } from './SyncStatusView.js';
import { UnavailableDocuments } from './UnavailableDocuments.js';
import { useSync } from './syncContext.js';
import { hallTime, useSyncText } from './syncText.js';

export interface SyncScreenProps {
  role: Role;
  shown: boolean;
  onOpenCase: (caseNo: string) => void;
  onGoTerminal: () => void;
  /** The terminal page's shortcut, shown on the link to it. */
  terminalShortcut: string;
}

/**
 * 与中心同步 (Alt+4): the link's full status, "sync now" (Alt+Y from any page), and the commands the
 * centre refused. It opens with the focus on "sync now", so Enter syncs.
 */
export function SyncScreen({ role, shown, onOpenCase, onGoTerminal, terminalShortcut }: SyncScreenProps): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const text = useSyncText();
  const id = useId();
  const { status, error, outcome: last, run } = useSync();
  const ref = useRef<HTMLElement>(null);
  useFocusWhenActive(ref, shown);
  // The answer of a "sync now" pressed since this page opened (Alt+Y on another page included, while
  // it runs); an older one would be stale next to the status above.
  const [openedAt] = useState(() => Date.now());
  const outcome = last && (last.state === 'running' || last.startedAt >= openedAt) ? last : null;
  // Kept here, not in the list: the list goes away as soon as the waived document lets sync go on,
  // and the supervisor must still see that the case went without it.
  const [waived, setWaived] = useState(false);

  const running = outcome?.state === 'running';
  let result: React.ReactNode = null;
  if (outcome?.state === 'refused') result = <p className="form-error" role="alert" data-testid="sync-now-result">{errorText(outcome.error)}</p>;
  else if (outcome?.state === 'done') {
    const problem = outcome.status.error;
    result = problem ? (
      <p className="form-error" role="alert" data-testid="sync-now-result">
        {t('sync.now.failed', { problem: text.problem(problem.code) })}
      </p>
    ) : (
      <p className="ok" role="status" data-testid="sync-now-result">
        {t('sync.now.done', { time: hallTime(outcome.at) })}
      </p>
    );
  }

  return (
    <section className="sync-screen" ref={ref} aria-labelledby={`${id}-title`} data-testid="sync-screen">
      <h2 id={`${id}-title`}>{t('sync.title')}</h2>
      {error && !status && (
        <p className="form-error" role="alert" data-testid="sync-status-error">
          {errorText(error)}
        </p>
      )}
      {!status && !error && <p aria-busy="true">{t('shell.loading')}</p>}
      {status && !status.enrolled && (
        <div className="note" data-testid="sync-not-enrolled">
          <p>{t('sync.notEnrolled')}</p>
          <button type="button" className="link" onClick={onGoTerminal} data-testid="sync-to-terminal">
            {t('sync.toTerminal')} <Kbd>{terminalShortcut}</Kbd>
          </button>
        </div>
      )}
      {status && <SyncStatusView status={status} />}
      {status?.enrolled && (
        <div className="actions sync-actions">
          <button type="button" className="primary" onClick={run} disabled={running} data-autofocus="" data-testid="sync-now">
            {running ? t('sync.now.running') : t('sync.now.button')} <Kbd>Alt+Y</Kbd>
          </button>
          <span className="field-hint">{t('sync.now.keyHint')}</span>
        </div>
      )}
      {result}
      {waived && (
        <p className="ok" role="status" data-testid="unavailable-sent">
          {t('sync.unavailable.sent')}
        </p>
      )}
      {status?.error?.code === 'blob_unavailable' && <UnavailableDocuments role={role} changeKey={status.error.at} onOpenCase={onOpenCase} onWaived={() => setWaived(true)} />}
      {status && <RejectionList role={role} changeKey={`${status.rejectionsToHandle}|${status.lastPullAt ?? ''}`} onOpenCase={onOpenCase} />}
    </section>
  );
}
