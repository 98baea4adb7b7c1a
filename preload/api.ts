import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { AppEvent, HandlerInput, HandlerResult } from '../core/api/contract.js';
import { EVENT_NAMES, HANDLER_NAMES, IPC_EVENT, IPC_INVOKE, type EventName, type HandlerName } from '../core/api/names.js';
import type { WindowApi } from '../core/api/window-api.js';
import { fail, type Result } from '../core/result.js';

const handlerNames: ReadonlySet<string> = new Set(HANDLER_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

/**
 * Builds the `window.api` object. The renderer gets these two functions and nothing else of Electron:
 * no ipcRenderer, no channel names of its own choosing.
 */
export function buildWindowApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): WindowApi {
  return {
    invoke<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<Result<HandlerResult<N>>> {
      if (typeof name !== 'string' || !handlerNames.has(name)) {
        return Promise.resolve(fail('unknown_handler', `There is no handler named "${String(name)}".`));
      }
      return ipc.invoke(IPC_INVOKE, name, input) as Promise<Result<HandlerResult<N>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: AppEvent<E>['payload']) => void): () => void {
      if (!eventNames.has(event)) throw new Error(`Unknown event "${String(event)}".`);
      const wrapped = (_e: IpcRendererEvent, msg: AppEvent): void => {
        if (msg.name === event) listener(msg.payload as AppEvent<E>['payload']);
      };
      ipc.on(IPC_EVENT, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped);
      };
    },
  };
}
