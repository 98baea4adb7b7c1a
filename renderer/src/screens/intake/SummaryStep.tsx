import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { A, AGENT, LEGAL_REP, valueOf } from './applicantForm.js';
import { idTypeLabel, MATERIAL_FORM_LABEL, MATERIAL_STATUS_LABEL, OUTCOME_LABEL } from './labels.js';
import type { Intake } from './useIntake.js';
import { useIssueText } from './useIssueText.js';

/**
 * Step 5: everything the case will hold, read back before it is committed (Enter commits, Esc goes
 * back). Names and reasons typed by people are shown as text, whatever they contain.
 */
export function SummaryStep({ intake, onConfirm }: { intake: Intake; onConfirm: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const { state } = intake;
  const { checklist, applicant: form, outcome: o } = state;
  const text = useIssueText(checklist);
  const v = (path: string): string => valueOf(form, path);
  const idLine = (prefix: string): string => `${t(idTypeLabel(v(`${prefix}.idType`)))} ${v(`${prefix}.idNumber`)}`;

  const rows: [string, string, string][] = [[t('summary.item'), `${checklist?.title[lang] ?? ''}`, 'item']];
  if (form.kind === 'person') {
    rows.push([t('summary.applicant'), v(`${A}.name`), 'name'], [t('summary.idNumber'), idLine(A), 'id']);
  } else {
    rows.push(
      [t('summary.organisation'), v(`${A}.name`), 'name'],
      [t('applicant.uscc'), v(`${A}.uscc`) + (form.override ? ` (${t('summary.overridden')})` : ''), 'id'],
      [t('applicant.legalRep'), `${v(`${LEGAL_REP}.name`)} · ${idLine(LEGAL_REP)}`, 'legalRep'],
    );
  }
  if (v(`${A}.phone`)) rows.push([t('applicant.phone'), v(`${A}.phone`), 'phone']);
  if (v(`${A}.address`).trim()) rows.push([t('detail.address'), v(`${A}.address`), 'address']);
  if (form.hasAgent) rows.push([t('applicant.agent'), `${v(`${AGENT}.name`)} · ${idLine(AGENT)} · ${v(`${AGENT}.phone`)}`, 'agent']);

  const detail = (() => {
    switch (o.choice) {
      case 'gaps':
        return t('summary.gapsDetail', { date: o.promisedDate });
      case 'correction':
        return t('summary.correctionDetail', { date: o.deadline });
      case 'reject':
        return t('summary.rejectDetail', { reason: o.reason, authority: o.competentAuthority });
      default:
        return '';
    }
  })();

  return (
    <div className="step summary-step" data-testid="summary">
      <dl className="info">
        {rows.map(([label, value, key]) => (
          <div key={key} className="info-row">
            <dt>{label}</dt>
            <dd data-testid={`summary-${key}`}>{value}</dd>
          </div>
        ))}
        <div className="info-row">
          <dt>{t('summary.outcome')}</dt>
          <dd data-testid="summary-outcome">
            <strong>{t(OUTCOME_LABEL[o.choice])}</strong> {detail}
          </dd>
        </div>
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('summary.material')}</th>
            <th>{t('summary.status')}</th>
            <th>{t('summary.details')}</th>
          </tr>
        </thead>
        <tbody>
          {checklist?.entries.map((e, i) => {
            const m = state.marks[i];
            if (!m) return null;
            const details =
              m.status === 'received'
                ? t('summary.receivedDetail', { form: t(MATERIAL_FORM_LABEL[m.form]), copies: m.copies, pages: m.pages })
                : m.status === 'exempt'
                  ? m.reason
                  : m.status === 'to_correct'
                    ? m.problem
                    : '';
            return (
              <tr key={e.id} className={`status-${m.status}`}>
                <td>{i + 1}</td>
                <td>{e.name[lang]}</td>
                <td>{t(MATERIAL_STATUS_LABEL[m.status])}</td>
                <td>{details}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.server[''] && (
        <p className="form-error" role="alert" data-testid="summary-error">
          {text(state.server[''])}
        </p>
      )}
      <div className="actions step-actions">
        <button type="button" onClick={intake.back} tabIndex={-1} data-testid="step-back">
          {t('intake.back')} <Kbd>Esc</Kbd>
        </button>
        <button type="button" className="primary big" onClick={onConfirm} disabled={state.sending} autoFocus data-autofocus="" data-testid="summary-confirm">
          {state.sending ? t('form.sending') : t('summary.confirm', { outcome: t(OUTCOME_LABEL[o.choice]) })} <Kbd>Enter</Kbd>
        </button>
      </div>
    </div>
  );
}
