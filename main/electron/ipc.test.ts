import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../core/api/names.js';
import { testApp } from '../../tests/support/app.js';
import { registerIpc } from './ipc.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Stands in for Electron's ipcMain, whose binary cannot run on this machine. */
function mockIpcMain(): { handle(channel: string, l: Listener): void; invoke(trusted: boolean, ...args: unknown[]): Promise<unknown>; readonly channels: string[] } {
  const table = new Map<string, Listener>();
  return {
    handle: (channel, l) => void table.set(channel, l),
    invoke: (trusted, ...args) => table.get(IPC_INVOKE)!({ senderFrame: { url: trusted ? 'app://onewindow/index.html' : 'https://evil.example/' } } as IpcMainInvokeEvent, ...args),
    get channels() {
      return [...table.keys()];
    },
  };
}

describe('Electron IPC door (mock ipcMain: no Electron binary here)', () => {
  const setup = (): ReturnType<typeof mockIpcMain> => {
    const ipc = mockIpcMain();
    registerIpc(ipc, testApp(), (e) => e.senderFrame?.url.startsWith('app://onewindow/') === true);
    return ipc;
  };

  it('registers exactly one invoke channel', () => {
    expect(setup().channels).toEqual([IPC_INVOKE]);
  });

  it('dispatches through the same handler table as the host', async () => {
    expect(await setup().invoke(true, 'app.info', {})).toMatchObject({ ok: true, value: { door: 'electron', terminalCode: 'T3101010001' } });
  });

  it('validates input and names the field', async () => {
    expect(await setup().invoke(true, 'settings.setLanguage', { language: 'xx' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'language' } });
  });

  it('refuses frames the app did not load, and non-string names', async () => {
    const ipc = setup();
    expect(await ipc.invoke(false, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipc.invoke(true, { name: 'app.info' }, {})).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
  });
});
