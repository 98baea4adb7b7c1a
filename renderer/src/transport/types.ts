import type { WindowApi } from '../../../core/api/window-api.js';

/** The renderer's only door to the rest of the app; two implementations, one shape. */
export type Transport = WindowApi & { kind: 'ipc' | 'http' };

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload. */
    api?: WindowApi;
  }
}
