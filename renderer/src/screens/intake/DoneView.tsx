import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { outcomeKey } from '../cases/outcomeLabel.js';
import { FeePanel } from '../delivery/FeePanel.js';
import { LazyNoticePanel } from '../notices/LazyNoticePanel.js';
import { useNoticePanel } from '../notices/useNoticePanel.js';
import type { CaseSummary } from './types.js';

/**
 * The committed case: its number, outcome and date, large enough to read out across the counter,
 * then its notice to preview and print (P). Enter (on "next intake", which keeps the focus) starts
 * the next intake.
 */
export function DoneView({ result, onNew }: { result: CaseSummary; onNew: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const notice = useNoticePanel(result.caseNo);
  return (
    <div className={`step done outcome-${result.outcome}`} data-testid="done" onKeyDown={notice.onKeyDown}>
      <div role="status">
        <p className="done-label">{t('done.caseNo')}</p>
        <p className="done-case-no" data-testid="done-caseNo">
          {result.caseNo}
        </p>
        <p className="done-outcome" data-testid="done-outcome">
          {t(outcomeKey(result))} · {result.title[lang]}
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
      </div>
      <p className="done-actions">
        <button type="button" className="primary big" onClick={onNew} autoFocus data-autofocus="" data-testid="new-intake">
          {t('done.new')} <Kbd>Enter</Kbd>
        </button>{' '}
        <span className="field-hint">
          <Kbd>P</Kbd> {t('done.printHint')}
        </span>
      </p>
      <LazyNoticePanel panel={notice} />
      {result.feeFen > 0 && (result.outcome === 'accepted' || result.outcome === 'completed') && <FeePanel caseNo={result.caseNo} stage="intake" />}
    </div>
  );
}
