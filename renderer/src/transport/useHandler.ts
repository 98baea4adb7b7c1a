import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { EventName, HandlerInput, HandlerName, HandlerResult } from '../../../core/api/contract.js';
import type { AppError } from '../../../core/result.js';
import { useTransport } from './context.js';
import { eventsOf, follow, Query, viewOf, wants, type RefreshOn } from './query.js';

export type { RefreshOn } from './query.js';

export interface HandlerOptions {
  /** Events after which the value is read again (`'cases.changed'`, or one with a `when` filter). */
  refreshOn?: readonly RefreshOn[];
  /** More identity than the input: a change asks again, and an answer for another key is not shown (a page's image hash). */
  key?: string | number;
  /** Keep showing the last answer while the next input's is on its way (a list that must not blink while the clerk types). */
  keep?: boolean;
  /** Every ask waits this long, and asks within it make one call (search as you type). */
  delayMs?: number;
}

export interface Handled<N extends HandlerName> {
  data: HandlerResult<N> | null;
  /** The input `data` answers: with `keep`, possibly an older one than asked. */
  answered: HandlerInput<N> | null;
  /** The last answer's refusal, for this input; null again once an answer succeeds. */
  error: AppError | null;
  /** No answer yet for this input, or a reload on its way. */
  loading: boolean;
  /** Asks again; what is shown stays until the answer. */
  reload: () => void;
  /** A value from elsewhere (an event, another handler's answer), newer than any read on its way. */
  set: (value: HandlerResult<N>) => void;
}

/**
 * Reads one handler's answer for `input` (null: nothing to ask yet), typed from the contract, and
 * keeps it current: asked again when the input (or `key`) changes, on `reload`, and when an event
 * in `refreshOn` comes. An answer that comes after a newer ask is dropped. The input is compared by
 * its JSON, so a literal written in the render is fine.
 */
export function useHandler<N extends HandlerName>(name: N, input: HandlerInput<N> | null, options: HandlerOptions = {}): Handled<N> {
  const transport = useTransport();
  const { refreshOn = [], keep = false, delayMs = 0 } = options;
  const [query] = useState(() => new Query<HandlerInput<N>, HandlerResult<N>>(delayMs));
  const key = input === null ? null : JSON.stringify([name, input, options.key ?? null]);
  const state = useSyncExternalStore(query.subscribe, query.getState, query.getState);

  // The input of this render: the effect below runs only when its key changes.
  const ask = useEffectEvent(() => query.ask(key, input, (i) => transport.invoke(name, i)));
  useEffect(() => {
    ask();
    return () => query.stop();
  }, [query, key, transport]);

  const onEvent = useEffectEvent((event: EventName, payload: unknown) => {
    if (wants(refreshOn, event, payload)) query.reload();
  });
  const events = eventsOf(refreshOn).join(' ');
  useEffect(() => follow(transport, events === '' ? [] : (events.split(' ') as EventName[]), (e, p) => onEvent(e, p)), [transport, events]);

  const reload = useCallback(() => query.reload(), [query]);
  const set = useCallback((value: HandlerResult<N>) => query.set(value), [query]);
  return { ...viewOf(state, key, keep), reload, set };
}
