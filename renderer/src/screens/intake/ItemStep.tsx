import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/result.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { HIT_KIND_LABEL } from './labels.js';
import type { Hit } from './types.js';

const SEARCH_DELAY_MS = 80;

/**
 * Step 1: find the service item or 一件事 bundle by code, Chinese or English name, or pinyin
 * initials. Results follow the typing; ↑/↓ move, Enter chooses.
 */
export function ItemStep({ onChoose }: { onChoose: (hit: Hit) => Promise<AppError | null> }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  const errorText = useErrorText();
  const listId = useId();
  const [query, setQuery] = useState('');
  const q = query.trim();
  // The last results stay while the next are on its way; `answered` says which query they answer,
  // so Enter never picks from the answer to an older one.
  const search = useHandler('catalog.search', q === '' ? null : { query: q, limit: 20 }, { keep: true, delayMs: SEARCH_DELAY_MS });
  const current = q !== '' && search.answered?.query === q;
  const hits = q === '' ? [] : (search.data ?? []);
  // The row chosen, for these results: new results start at the first.
  const [chosen, setChosen] = useState<{ of: readonly Hit[] | null; at: number }>({ of: null, at: 0 });
  const active = chosen.of === search.data ? chosen.at : 0;
  const setActive = (at: number): void => setChosen({ of: search.data, at });
  // Why choosing failed (the checklist could not be read); typing again clears it.
  const [problem, setProblem] = useState<AppError | null>(null);
  const error = problem ?? search.error;
  const [choosing, setChoosing] = useState(false);

  // Enter pressed before the answer to the last keystroke came: choose as soon as it comes.
  const pendingEnter = useRef(false);
  const busy = useRef(false);
  const choose = useCallback(
    async (hit: Hit | undefined): Promise<void> => {
      if (!hit || busy.current) return;
      busy.current = true;
      setChoosing(true);
      const failed = await onChoose(hit);
      busy.current = false;
      setChoosing(false);
      if (failed) setProblem(failed);
    },
    [onChoose],
  );
  useEffect(() => {
    if (!current || !pendingEnter.current) return;
    pendingEnter.current = false;
    void choose(search.data?.[0]);
  }, [current, search.data, choose]);

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>): void {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      setActive(e.key === 'ArrowDown' ? Math.min(active + 1, hits.length - 1) : Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      if (current) void choose(hits[active]);
      else if (q !== '') pendingEnter.current = true;
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  }

  return (
    <div className="step item-step">
      <label className="search-label" htmlFor={`${listId}-q`}>
        {t('item.search')}
      </label>
      <input
        id={`${listId}-q`}
        className="search"
        type="search"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        data-autofocus=""
        data-testid="item-search"
        placeholder={t('item.placeholder')}
        value={query}
        onChange={(e) => {
          pendingEnter.current = false;
          setQuery(e.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="field-hint">
        <Kbd>↑</Kbd>
        <Kbd>↓</Kbd> {t('item.keysMove')} · <Kbd>Enter</Kbd> {t('item.keysChoose')} · <Kbd>Esc</Kbd> {t('item.keysClear')}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="item-error">
          {errorText(error)}
        </p>
      )}
      <ul id={listId} role="listbox" className="hits" data-testid="item-results" aria-label={t('item.results')} aria-busy={choosing}>
        {hits.map((h, i) => (
          <li
            key={`${h.kind}:${h.code}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            data-testid={`hit-${h.code}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(h)}
          >
            <span className={`badge badge-${h.kind}`}>{t(HIT_KIND_LABEL[h.kind])}</span>
            <span className="code">{h.code}</span>
            <span className="hit-name">{h.name[lang]}</span>
            <span className="hit-other">{h.name[other]}</span>
            {h.department && <span className="hit-dept">{h.department[lang]}</span>}
          </li>
        ))}
      </ul>
      {current && hits.length === 0 && (
        <p className="empty" data-testid="item-none">
          {t('item.none')}
        </p>
      )}
      {q === '' && <p className="empty">{t('item.startTyping')}</p>}
    </div>
  );
}
