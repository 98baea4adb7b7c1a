import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusWhenActive } from '../../shell/useFocusWhenActive.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { dateTime } from '../cases/outcomeLabel.js';
import { DeliverPanel } from './DeliverPanel.js';
import { FollowUps } from './FollowUps.js';
import { yuan } from './FeePanel.js';

const SEARCH_DELAY_MS = 120;

export interface DeliveryScreenProps {
  shown: boolean;
  /** The case being handed over (from the address, `#/delivery/<caseNo>`). */
  open: string | null;
  onOpen: (caseNo: string | null) => void;
  /** Opens a case's detail on the cases page. */
  onShowCase: (caseNo: string) => void;
}

/**
 * 出件: the results the back office marked ready, oldest first, this window's and the hall's (统一出件).
 * The box searches case number, name and ID number; the item box and "waiting at least" filter. ↑/↓
 * move, Enter opens the case to hand it over, Esc comes back. Below: corrections awaiting their return
 * and promised 容缺 materials due, the counter's follow-ups.
 */
export function DeliveryScreen({ shown, open, onOpen, onShowCase }: DeliveryScreenProps): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useFocusWhenActive(ref, shown);
  const [query, setQuery] = useState('');
  const [item, setItem] = useState('');
  const [waiting, setWaiting] = useState('');
  const [active, setActive] = useState(0);

  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) document.getElementById(`${id}-q`)?.focus();
    wasOpen.current = open;
  }, [open, id]);

  const days = Number.parseInt(waiting, 10);
  const { data, error } = useHandler(
    'deliveries.list',
    { ...(query.trim() ? { query: query.trim() } : {}), ...(item.trim() ? { itemCode: item.trim().toUpperCase() } : {}), ...(Number.isInteger(days) && days > 0 ? { minWaitingDays: Math.min(days, 3650) } : {}) },
    { keep: true, delayMs: SEARCH_DELAY_MS, refreshOn: ['cases.changed'] },
  );

  if (open) {
    return (
      <div ref={ref}>
        <DeliverPanel key={open} caseNo={open} onClose={() => onOpen(null)} onShowCase={onShowCase} />
      </div>
    );
  }

  const rows = data?.rows ?? [];
  const at = Math.min(active, Math.max(0, rows.length - 1));
  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>): void {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(e.key === 'ArrowDown' ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = rows[at];
      if (r) onOpen(r.caseNo);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  }

  return (
    <div ref={ref}>
      <section className="delivery" aria-labelledby={`${id}-title`} data-testid="delivery-screen">
        <h2 id={`${id}-title`}>{t('delivery.title')}</h2>
        <div className="row cases-filters">
          <div className="field wide">
            <label htmlFor={`${id}-q`}>{t('delivery.query')}</label>
            <input
              id={`${id}-q`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              data-autofocus=""
              data-testid="delivery-query"
              placeholder={t('delivery.placeholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-i`}>{t('delivery.itemCode')}</label>
            <input id={`${id}-i`} autoComplete="off" spellCheck={false} value={item} onChange={(e) => setItem(e.target.value)} data-testid="delivery-item" maxLength={64} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-w`}>{t('delivery.minWaiting')}</label>
            <input id={`${id}-w`} inputMode="numeric" autoComplete="off" value={waiting} onChange={(e) => setWaiting(e.target.value.replace(/\D/g, ''))} data-testid="delivery-waiting" maxLength={4} />
          </div>
        </div>
        <p className="field-hint">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> {t('cases.keysMove')} · <Kbd>Enter</Kbd> {t('delivery.keysOpen')} · <Kbd>Esc</Kbd> {t('cases.keysBack')}
        </p>
        {error && (
          <p className="form-error" role="alert" data-testid="delivery-error">
            {errorText(error)}
          </p>
        )}
        {data !== null && rows.length === 0 && (
          <p className="empty" data-testid="delivery-none">
            {t('delivery.none')}
          </p>
        )}
        {rows.length > 0 && (
          <table className="table cases-table" data-testid="delivery-list">
            <thead>
              <tr>
                <th>{t('delivery.caseNo')}</th>
                <th>{t('delivery.item')}</th>
                <th>{t('delivery.applicant')}</th>
                <th>{t('delivery.readyAt')}</th>
                <th>{t('delivery.waiting')}</th>
                <th>{t('delivery.outstanding')}</th>
                <th>{t('delivery.window')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.caseNo} className={i === at ? 'active' : undefined} aria-selected={i === at} data-testid={`delivery-row-${r.caseNo}`} onClick={() => onOpen(r.caseNo)}>
                  <td className="code">{r.caseNo}</td>
                  <td>{r.title[lang]}</td>
                  <td>
                    {r.applicantName}
                    <span className="sub-id">{r.applicantIdNumber}</span>
                  </td>
                  <td>{dateTime(r.readyAt)}</td>
                  <td>{t('delivery.days', { n: r.waitingDays })}</td>
                  <td className="money">{r.outstandingFen > 0 ? yuan(r.outstandingFen) : '—'}</td>
                  <td>{r.here ? t('delivery.here') : t('delivery.otherWindow', { window: r.windowNo ?? '?' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <FollowUps onShowCase={onShowCase} />
    </div>
  );
}
