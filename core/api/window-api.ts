import type { Result } from '../result.js';
import type { AppEvent, EventName, HandlerInput, HandlerName, HandlerResult } from './contract.js';

/** The one object the Electron preload puts on `window.api`; the renderer's IPC transport uses it. */
export interface WindowApi {
  invoke<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<Result<HandlerResult<N>>>;
  on<E extends EventName>(event: E, listener: (payload: AppEvent<E>['payload']) => void): () => void;
}
