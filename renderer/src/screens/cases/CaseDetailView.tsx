import { useTranslation } from 'react-i18next';
import { keyOf } from '../../i18n/keys.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { idTypeLabel, MATERIAL_FORM_LABEL, MATERIAL_STATUS_LABEL, SEX_LABEL } from '../intake/labels.js';
import { LazyNoticePanel } from '../notices/LazyNoticePanel.js';
import { useNoticePanel } from '../notices/useNoticePanel.js';
import { FeePanel } from '../delivery/FeePanel.js';
import { Timeline } from '../delivery/Timeline.js';
import { CentralBadge, CentralDetail } from './CentralStatus.js';
import { dateTime, outcomeKey, type CaseDetail } from './outcomeLabel.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** One case in full (cases.get): applicant, items, the centre's progress, its notice, materials with their status, dates, and its journal. */
export function CaseDetailView({ caseNo, onClose }: { caseNo: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // A print or void (here or at the other door) adds to the case's journal: read it again.
  const { data: detail, error } = useHandler(
    'cases.get',
    { caseNo },
    { refreshOn: [{ event: 'cases.changed', when: (p) => p.caseNo.toUpperCase() === caseNo.toUpperCase() }] },
  );

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const back = (
    <button type="button" onClick={onClose} autoFocus data-autofocus="" data-testid="detail-back">
      {t('cases.backToList')} <Kbd>Esc</Kbd>
    </button>
  );
  if (error) {
    return (
      <section className="case-detail" onKeyDown={onKeyDown}>
        <p className="form-error" role="alert" data-testid="detail-error">
          {errorText(error)}
        </p>
        {back}
      </section>
    );
  }
  if (!detail) return <p aria-busy="true">{t('shell.loading')}</p>;
  return <CaseDetailBody detail={detail} back={back} onKeyDown={onKeyDown} />;
}

/** The loaded case, with its notice panel: P prints from anywhere in it, Esc goes back to the list. */
function CaseDetailBody({ detail, back, onKeyDown }: { detail: CaseDetail; back: React.ReactNode; onKeyDown: (e: React.KeyboardEvent) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const notice = useNoticePanel(detail.caseNo);
  const a = detail.applicant;
  const formText = (form: string): string => {
    const key = keyOf(MATERIAL_FORM_LABEL, form);
    return key ? t(key) : form;
  };
  const isOrg = a.kind === 'organisation';
  const rep = obj(a.legalRep);
  const agent = a.agent === undefined ? null : obj(a.agent);
  const rows: [string, string, string][] = [
    ['applicant', isOrg ? t('summary.organisation') : t('summary.applicant'), str(a.name)],
    ['idNumber', isOrg ? t('applicant.uscc') : t(idTypeLabel(str(a.idType))), isOrg ? str(a.uscc) : str(a.idNumber)],
  ];
  if (isOrg) rows.push(['legalRep', t('applicant.legalRep'), `${str(rep.name)} · ${str(rep.idNumber)}`]);
  if (str(a.birthDate)) rows.push(['birth', t('detail.birth'), `${str(a.birthDate)} · ${t(SEX_LABEL[str(a.sex) === 'male' ? 'male' : 'female'])}`]);
  if (str(a.phone)) rows.push(['phone', t('applicant.phone'), str(a.phone)]);
  if (str(a.address)) rows.push(['address', t('detail.address'), str(a.address)]);
  if (agent) rows.push(['agent', t('applicant.agent'), `${str(agent.name)} · ${str(agent.idNumber)} · ${str(agent.phone)}`]);
  rows.push(
    ['items', t('detail.items'), [detail.bundleCode, ...detail.itemCodes].filter(Boolean).join(', ')],
    ['receivedAt', t('detail.receivedAt'), dateTime(detail.receivedAt)],
  );
  if (detail.dueDate) rows.push(['dueDate', t('done.dueDate'), detail.dueDate]);
  if (detail.deadline) rows.push(['deadline', detail.outcome === 'correction' ? t('done.deadline') : t('done.promisedDate'), detail.deadline]);
  if (detail.rejectReason) rows.push(['rejectReason', t('outcome.reason'), detail.rejectReason]);
  if (detail.competentAuthority) rows.push(['competentAuthority', t('outcome.authority'), detail.competentAuthority]);
  rows.push(
    ['fee', t('detail.fee'), `¥${(detail.feeFen / 100).toFixed(2)}`],
    ['staff', t('detail.staff'), `${detail.staff}${detail.windowNo ? ` · ${t('detail.window', { no: detail.windowNo })}` : ''}`],
  );

  return (
    <section
      className="case-detail"
      onKeyDown={(e) => {
        notice.onKeyDown(e);
        onKeyDown(e);
      }}
      data-testid="case-detail" aria-labelledby="case-detail-title">
      <div className="detail-head">
        {back}
        <h2 id="case-detail-title">
          <span className="code" data-testid="detail-caseNo">
            {detail.caseNo}
          </span>{' '}
          <span className={`badge outcome-${detail.outcome}`} data-testid="detail-outcome">
            {t(outcomeKey(detail))}
          </span>
          {detail.central && <CentralBadge c={detail} />}
        </h2>
        <p className="detail-title">{detail.title[lang]}</p>
      </div>
      <dl className="info">
        {rows.map(([key, label, value]) => (
          <div key={key} className="info-row">
            <dt>{label}</dt>
            <dd data-testid={`detail-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <CentralDetail detail={detail} />
      <Timeline steps={detail.timeline} />
      {detail.feeFen > 0 && (detail.outcome === 'accepted' || detail.outcome === 'completed') && <FeePanel caseNo={detail.caseNo} stage={detail.central?.status === 'ready_for_delivery' ? 'delivery' : 'intake'} />}
      <LazyNoticePanel panel={notice} />
      <h3>{t('detail.materials')}</h3>
      <table className="table" data-testid="detail-materials">
        <thead>
          <tr>
            <th>{t('summary.material')}</th>
            <th>{t('summary.status')}</th>
            <th>{t('summary.details')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.materials.map((m) => (
            <tr key={m.entryId} className={`status-${m.status}`}>
              <td>
                {m.name}
                {m.required && <span className="badge badge-required">{t('materials.required')}</span>}
              </td>
              <td>{t(MATERIAL_STATUS_LABEL[m.status])}</td>
              <td>
                {m.status === 'received' && m.form
                  ? t('summary.receivedDetail', { form: formText(m.form), copies: m.copies ?? 0, pages: m.pages ?? 0 })
                  : (m.note ?? '')}
                {m.promisedDate ? ` ${t('detail.promisedBy', { date: m.promisedDate })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('detail.journal')}</h3>
      <ol className="journal" data-testid="detail-journal">
        {detail.journal.map((j) => (
          <li key={j.seq}>
            <span className="journal-at">{dateTime(j.at)}</span> <span className="journal-actor">{j.actor ?? '—'}</span>{' '}
            <span className="journal-action">{j.action}</span> <code className="journal-details">{j.details}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
