import type { AppEvent, EventName, HandlerInput, HandlerName, HandlerResult } from '../../../core/api/contract.js';
import { fail, type Result } from '../../../core/result.js';
import type { Transport } from './types.js';

/** The host door: POST /api/<name> for calls, one shared EventSource on /api/events for events. */
export function httpTransport(base = './api/'): Transport {
  let source: EventSource | null = null;
  const stream = (): EventSource => (source ??= new EventSource(`${base}events`));

  return {
    kind: 'http',
    async invoke<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<Result<HandlerResult<N>>> {
      try {
        const res = await fetch(`${base}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Result<HandlerResult<N>>;
      } catch (err) {
        return fail('unavailable', `The app's back end did not answer: ${(err as Error).message}`);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: AppEvent<E>['payload']) => void): () => void {
      const handler = (e: MessageEvent<string>): void => listener(JSON.parse(e.data) as AppEvent<E>['payload']);
      stream().addEventListener(event, handler);
      return () => stream().removeEventListener(event, handler);
    },
  };
}
