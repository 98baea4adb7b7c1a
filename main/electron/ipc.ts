import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../core/api/names.js';
import { fail, type Result } from '../../core/result.js';
import type { HandlerContext } from '../handlers/context.js';
import { dispatch } from '../handlers/dispatch.js';

/**
 * Wires the handler table to ipcMain. Only frames the app itself loaded (app://) may call; the name and
 * input are validated by dispatch exactly as on the host door.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  ctx: HandlerContext,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) return fail('forbidden', 'This window may not call the app.');
    if (typeof name !== 'string') return fail('unknown_handler', 'The handler name must be a string.');
    return dispatch(ctx, { door: 'electron' }, name, input);
  });
}
