import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../core/api/names.js';
import { buildWindowApi } from './api.js';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** Stands in for Electron's ipcRenderer, whose binary cannot run on this machine. */
function mockIpcRenderer() {
  const calls: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) => {
      calls.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: 'from-main' });
    },
    on(channel: string, l: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
      return ipc;
    },
    removeListener(channel: string, l: Listener) {
      listeners.get(channel)?.delete(l);
      return ipc;
    },
  };
  const emit = (channel: string, msg: unknown): void => listeners.get(channel)?.forEach((l) => l({} as IpcRendererEvent, msg));
  return { ipc: ipc as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, calls, emit, listeners };
}

describe('preload window.api (mock ipcRenderer: no Electron binary here)', () => {
  it('forwards allowed handler names on the one invoke channel', async () => {
    const m = mockIpcRenderer();
    const api = buildWindowApi(m.ipc);
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: 'from-main' });
    expect(m.calls).toEqual([[IPC_INVOKE, 'app.info', {}]]);
  });

  it('answers a name outside the allowlist itself, without reaching main', async () => {
    const m = mockIpcRenderer();
    const api = buildWindowApi(m.ipc);
    const r = await (api.invoke as (n: string, i: unknown) => Promise<unknown>)('fs.readFile', { path: '/etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
    expect(m.calls).toEqual([]);
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const m = mockIpcRenderer();
    const api = buildWindowApi(m.ipc);
    const got: unknown[] = [];
    const off = api.on('settings.changed', (p) => got.push(p));
    m.emit(IPC_EVENT, { name: 'settings.changed', payload: { key: 'language' } });
    m.emit(IPC_EVENT, { name: 'something.else', payload: {} });
    off();
    m.emit(IPC_EVENT, { name: 'settings.changed', payload: { key: 'again' } });
    expect(got).toEqual([{ key: 'language' }]);
    expect(m.listeners.get(IPC_EVENT)?.size).toBe(0);
  });

  it('refuses to subscribe to an event that does not exist', () => {
    const api = buildWindowApi(mockIpcRenderer().ipc);
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc.anything', () => undefined)).toThrow(/Unknown event/);
  });
});
