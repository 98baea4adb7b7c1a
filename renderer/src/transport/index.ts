import { httpTransport } from './http.js';
import type { Transport } from './types.js';

export type { Transport } from './types.js';

/** Picked once at start-up: inside Electron the preload's window.api, anywhere else HTTP to the host. */
export function pickTransport(win: Pick<Window, 'api'> = window): Transport {
  if (win.api) return { kind: 'ipc', invoke: win.api.invoke.bind(win.api), on: win.api.on.bind(win.api) };
  return httpTransport();
}
