import type { AppEvent, EventName, HandlerInput, HandlerName, HandlerResult } from '../../../core/api/contract.js';
import { fail, type Result } from '../../../core/result.js';
import type { Transport } from './types.js';

type Handler = (e: MessageEvent<string>) => void;

/**
 * The host door: POST /api/<name> for calls, one shared EventSource on /api/events for events.
 * The host sends events only to the browser that signed in (its HttpOnly session cookie, which the
 * browser adds to every same-origin request by itself), so the stream follows the session: it opens
 * once a sign-in succeeds or the session turns out to be this browser's, and closes at sign-out. When
 * the stream ends (the host ends it when someone signs in elsewhere, or the host went away), it is not
 * retried blindly into a refusal: `auth.session` is asked, and says whether to open it again.
 */
export function httpTransport(base = './api/'): Transport {
  const listeners = new Map<string, Set<Handler>>();
  let source: EventSource | null = null;

  async function call<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<Result<HandlerResult<N>>> {
    let result: Result<HandlerResult<N>>;
    try {
      const res = await fetch(`${base}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      result = (await res.json()) as Result<HandlerResult<N>>;
    } catch (err) {
      return fail('unavailable', `The app's back end did not answer: ${(err as Error).message}`);
    }
    follow(name, result);
    return result;
  }

  const close = (): void => {
    source?.close();
    source = null;
  };
  const open = (): void => {
    close();
    const s = new EventSource(`${base}events`);
    for (const [event, handlers] of listeners) for (const h of handlers) s.addEventListener(event, h);
    s.addEventListener('error', () => {
      if (source !== s) return;
      close();
      void call('auth.session', {});
    });
    source = s;
  };
  /** Opens or closes the stream after a call that says whether this browser holds the session. */
  const follow = (name: HandlerName, result: Result<unknown>): void => {
    if (!result.ok) return;
    if (name === 'auth.signIn') open();
    else if (name === 'auth.signOut') close();
    else if (name === 'auth.session') {
      if ((result.value as HandlerResult<'auth.session'>).staff === null) close();
      else if (!source) open();
    }
  };

  return {
    kind: 'http',
    invoke: call,
    on<E extends EventName>(event: E, listener: (payload: AppEvent<E>['payload']) => void): () => void {
      const handler: Handler = (e) => listener(JSON.parse(e.data) as AppEvent<E>['payload']);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler);
      source?.addEventListener(event, handler);
      return () => {
        set.delete(handler);
        source?.removeEventListener(event, handler);
      };
    },
  };
}
