/**
 * Names only, without schemas: the Electron preload uses these as its allowlist and stays free of zod.
 * contract.ts must define exactly these (the type checker holds it to that).
 */
export const HANDLER_NAMES = ['app.info', 'audit.verify', 'settings.setLanguage'] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

export const EVENT_NAMES = ['settings.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channels between preload and main: the only two the preload ever touches. */
export const IPC_INVOKE = 'ow:invoke';
export const IPC_EVENT = 'ow:event';
