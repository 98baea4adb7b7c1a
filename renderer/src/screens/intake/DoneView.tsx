import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import type { CaseSummary } from './types.js';

/** The committed case: its number, outcome and date, large enough to read out across the counter. */
export function DoneView({ result, onNew }: { result: CaseSummary; onNew: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const outcome = result.outcome === 'accepted' && result.withGaps ? 'accepted_gaps' : result.outcome;
  return (
    <div className={`step done outcome-${result.outcome}`} data-testid="done" role="status">
      <p className="done-label">{t('done.caseNo')}</p>
      <p className="done-case-no" data-testid="done-caseNo">
        {result.caseNo}
      </p>
      <p className="done-outcome" data-testid="done-outcome">
        {t(`caseOutcome.${outcome}`)} · {result.title[lang]}
      </p>
      {result.dueDate && (
        <p className="done-date" data-testid="done-dueDate">
          {t('done.dueDate')} <strong>{result.dueDate}</strong>
        </p>
      )}
      {result.deadline && (
        <p className="done-date" data-testid="done-deadline">
          {result.outcome === 'correction' ? t('done.deadline') : t('done.promisedDate')} <strong>{result.deadline}</strong>
        </p>
      )}
      <p className="done-meta">
        {t('done.applicant', { name: result.applicantName })} · {t('done.fee', { yuan: (result.feeFen / 100).toFixed(2) })}
      </p>
      <button type="button" className="primary big" onClick={onNew} autoFocus data-autofocus="" data-testid="new-intake">
        {t('done.new')} <Kbd>Enter</Kbd>
      </button>
    </div>
  );
}
