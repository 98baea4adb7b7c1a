/**
 * Names only, without schemas: the Electron preload uses these as its allowlist and stays free of zod.
 * contract.ts must define exactly these (the type checker holds it to that).
 */
export const HANDLER_NAMES = [
  'app.info',
  'audit.verify',
  'settings.setLanguage',
  'settings.setIdleLock',
  'setup.status',
  'setup.init',
  'auth.session',
  'auth.signIn',
  'auth.unlock',
  'auth.lock',
  'auth.activity',
  'auth.signOut',
  'staff.list',
  'staff.create',
  'catalog.import',
  'catalog.search',
  'catalog.checklist',
  'applicants.find',
  'cases.accept',
  'cases.requestCorrection',
  'cases.reject',
  'cases.complete',
  'cases.list',
  'cases.find',
  'cases.get',
  'notices.preview',
  'notices.print',
  'notices.void',
  'notices.list',
  'notices.verify',
  'printers.list',
  'settings.setPrinter',
  'scans.devices',
  'scans.capabilities',
  'scans.profile',
  'settings.setScanProfile',
  'settings.setScanSources',
  'scans.batch',
  'scans.openBatches',
  'scans.scan',
  'scans.cancel',
  'scans.import',
  'scans.updatePage',
  'scans.assign',
  'scans.reorder',
  'scans.discard',
  'scans.image',
  'sync.status',
  'sync.now',
  'sync.enroll',
  'sync.rejections',
  'sync.acknowledgeRejection',
  'sync.unavailableBlobs',
  'sync.waiveBlob',
  'store.status',
  'store.backup',
] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

export const EVENT_NAMES = ['settings.changed', 'auth.changed', 'cases.changed', 'scans.progress', 'scans.page', 'scans.changed', 'sync.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channels between preload and main: the only two the preload ever touches. */
export const IPC_INVOKE = 'ow:invoke';
export const IPC_EVENT = 'ow:event';
