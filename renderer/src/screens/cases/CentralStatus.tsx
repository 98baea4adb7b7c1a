import { useTranslation } from 'react-i18next';
import type { CentralCaseStatus } from '../../../../core/api/contract-sync.js';
import type { Key } from '../../i18n/keys.js';
import { dateTime, type CaseDetail, type CaseSummary } from './outcomeLabel.js';
// Through screens/: a bare '../sync/' reads, to the layering lint, as the repo's sync/ folder.
import '../../screens/sync/sync.css';

type Central = NonNullable<CaseSummary['central']>;
type Decision = NonNullable<Central['decision']>;

const STATUS_LABEL: Readonly<Record<CentralCaseStatus, Key>> = {
  received: 'sync.central.status_received',
  in_review: 'sync.central.status_in_review',
  decided: 'sync.central.status_decided',
  ready_for_delivery: 'sync.central.status_ready_for_delivery',
  delivered: 'sync.central.status_delivered',
};
const DECIDED_LABEL: Readonly<Record<Decision, Key>> = { approved: 'sync.central.status_decided_approved', not_approved: 'sync.central.status_decided_not_approved' };
const DECISION_LABEL: Readonly<Record<Decision, Key>> = { approved: 'sync.central.decision_approved', not_approved: 'sync.central.decision_not_approved' };

/** The i18n key of the centre's step; a decided case says which way. */
export function centralKey(c: Pick<Central, 'status' | 'decision'>): Key {
  if (c.status === 'decided' && c.decision) return DECIDED_LABEL[c.decision];
  return STATUS_LABEL[c.status];
}

/**
 * The centre's progress on a case as a badge for the list. Only accepted cases go through the back
 * office; one the centre has not reported on yet says so, the others show nothing.
 */
export function CentralBadge({ c }: { c: Pick<CaseSummary, 'caseNo' | 'outcome' | 'central'> }): React.JSX.Element {
  const { t } = useTranslation();
  if (c.central) {
    return (
      <span className={`badge central central-${c.central.status}${c.central.decision ? ` decision-${c.central.decision}` : ''}`} data-testid={`case-central-${c.caseNo}`} data-status={c.central.status}>
        {t(centralKey(c.central))}
      </span>
    );
  }
  if (c.outcome !== 'accepted') return <span data-testid={`case-central-${c.caseNo}`} data-status="">—</span>;
  return (
    <span className="badge central central-none" title={t('sync.central.noneHint')} data-testid={`case-central-${c.caseNo}`} data-status="none">
      {t('sync.central.none')}
    </span>
  );
}

/** 中心办理进度 in the case detail: the step, the decision, the office's note, who and when, the result document. */
export function CentralDetail({ detail }: { detail: Pick<CaseDetail, 'outcome' | 'central'> }): React.JSX.Element {
  const { t } = useTranslation();
  const c = detail.central;
  let body: React.ReactNode;
  if (!c) {
    body = (
      <p className="empty" data-testid="detail-central-none">
        {detail.outcome === 'accepted' ? t('sync.central.noneDetail') : t('sync.central.notTracked')}
      </p>
    );
  } else {
    const rows: [string, string, string][] = [['status', t('sync.central.status'), t(centralKey(c))]];
    if (c.decision) rows.push(['decision', t('sync.central.decision'), t(DECISION_LABEL[c.decision])]);
    if (c.note) rows.push(['note', t('sync.central.note'), c.note]);
    rows.push(['by', t('sync.central.by'), c.by || '—'], ['at', t('sync.central.at'), dateTime(c.at)]);
    if (c.resultDocument) rows.push(['resultDocument', t('sync.central.resultDocument'), c.resultDocument.name]);
    body = (
      <dl className="info" data-status={c.status}>
        {rows.map(([key, label, value]) => (
          <div key={key} className="info-row">
            <dt>{label}</dt>
            <dd data-testid={`detail-central-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <section className="detail-central" data-testid="detail-central">
      <h3>{t('sync.central.title')}</h3>
      {body}
    </section>
  );
}
