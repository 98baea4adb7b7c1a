import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusWhenActive } from '../../shell/useFocusWhenActive.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { CaseDetailView } from './CaseDetailView.js';
import { CentralBadge } from './CentralStatus.js';
import { CASE_OUTCOME_LABEL, CASE_OUTCOMES, outcomeKey, timeOfDay } from './outcomeLabel.js';

const SEARCH_DELAY_MS = 120;

export interface CasesScreenProps {
  shown: boolean;
  /** The case open in detail (from the address, `#/cases/<caseNo>`, so other pages can link to one). */
  open: string | null;
  /** Opens a case, or (null) goes back to the list. */
  onOpen: (caseNo: string | null) => void;
}

/**
 * 今日办件: today's cases at this terminal, newest first; the box searches case number, name and ID
 * number. ↑/↓ move, Enter opens the case, Esc comes back. The list follows `cases.changed`, which also
 * brings the centre's progress on each case (its own column).
 */
export function CasesScreen({ shown, open, onOpen }: CasesScreenProps): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [outcome, setOutcome] = useState('');
  const [active, setActive] = useState(0);
  // Unlocked or back on this page: the query box, or the detail's back button, gets the focus.
  const ref = useRef<HTMLDivElement>(null);
  useFocusWhenActive(ref, shown);

  // Back from a case (Esc, or the browser's back): the query box takes the focus again.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) document.getElementById(`${id}-q`)?.focus();
    wasOpen.current = open;
  }, [open, id]);

  const q = query.trim();
  const filter = CASE_OUTCOMES.find((o) => o === outcome);
  // The list stays while the next search is on its way, and follows every case taken or changed.
  const { data: cases, error } = useHandler(
    'cases.list',
    { ...(q ? { query: q } : {}), ...(filter ? { outcome: filter } : {}) },
    { keep: true, delayMs: SEARCH_DELAY_MS, refreshOn: ['cases.changed'] },
  );

  if (open) {
    return (
      <div ref={ref}>
        <CaseDetailView
          key={open}
          caseNo={open}
          onClose={() => onOpen(null)}
        />
      </div>
    );
  }

  const list = cases ?? [];
  // The row chosen, within the list as it is now (a shorter answer moves it up).
  const at = Math.min(active, Math.max(0, list.length - 1));
  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>): void {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(e.key === 'ArrowDown' ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = list[at];
      if (c) onOpen(c.caseNo);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  }

  return (
    <div ref={ref}>
      <section className="cases" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('cases.title')}</h2>
        <div className="row cases-filters">
          <div className="field wide">
            <label htmlFor={`${id}-q`}>{t('cases.query')}</label>
            <input
              id={`${id}-q`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              data-autofocus=""
              data-testid="cases-query"
              placeholder={t('cases.placeholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
              aria-controls={`${id}-list`}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-o`}>{t('cases.outcome')}</label>
            <select id={`${id}-o`} value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="cases-outcome">
              <option value="">{t('cases.all')}</option>
              {CASE_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(CASE_OUTCOME_LABEL[o])}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="field-hint">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> {t('cases.keysMove')} · <Kbd>Enter</Kbd> {t('cases.keysOpen')} · <Kbd>Esc</Kbd> {t('cases.keysBack')}
        </p>
        {error && (
          <p className="form-error" role="alert" data-testid="cases-error">
            {errorText(error)}
          </p>
        )}
        {cases !== null && list.length === 0 && (
          <p className="empty" data-testid="cases-none">
            {t('cases.none')}
          </p>
        )}
        {list.length > 0 && (
          <table className="table cases-table" id={`${id}-list`} data-testid="cases-list">
            <thead>
              <tr>
                <th>{t('cases.time')}</th>
                <th>{t('cases.caseNo')}</th>
                <th>{t('cases.outcome')}</th>
                <th>{t('cases.item')}</th>
                <th>{t('cases.applicant')}</th>
                <th>{t('cases.due')}</th>
                <th>{t('sync.central.column')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c, i) => (
                <tr
                  key={c.caseNo}
                  className={i === at ? 'active' : undefined}
                  aria-selected={i === at}
                  data-testid={`case-row-${c.caseNo}`}
                  onClick={() => onOpen(c.caseNo)}
                >
                  <td>{timeOfDay(c.receivedAt)}</td>
                  <td className="code">{c.caseNo}</td>
                  <td>
                    <span className={`badge outcome-${c.outcome}`}>{t(outcomeKey(c))}</span>
                  </td>
                  <td>{c.title[lang]}</td>
                  <td>
                    {c.applicantName}
                    <span className="sub-id">{c.applicantIdNumber}</span>
                  </td>
                  <td>{c.dueDate ?? c.deadline ?? '—'}</td>
                  <td>
                    <CentralBadge c={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
