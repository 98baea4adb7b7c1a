import type { HandlerInput, HandlerResult } from '../../../../core/api/contract.js';
import type { ScanPage } from '../../../../core/api/contract-scans.js';

export type { ScanPage } from '../../../../core/api/contract-scans.js';
export type Batch = HandlerResult<'scans.batch'>;
export type DeviceList = HandlerResult<'scans.devices'>;
export type Device = DeviceList['devices'][number];
export type DeviceProblem = DeviceList['problems'][number];
export type Capabilities = HandlerResult<'scans.capabilities'>;
export type ScanProfile = HandlerInput<'settings.setScanProfile'>;
export type ScanMode = ScanProfile['mode'];
export type ScanSource = ScanProfile['source'];
export type ScanDriver = ScanProfile['driver'];
export type OpenBatch = HandlerResult<'scans.openBatches'>['batches'][number];

/** A checklist material a page can be assigned to, as the panel needs it (number on screen, name). */
export interface MaterialRef {
  id: string;
  name: string;
}

/** Whether a page counts for its material: neither deleted nor left out. */
export function isCounted(p: ScanPage): boolean {
  return !p.deleted && !p.excluded;
}

/** Scanned pages that count, per checklist entry id. */
export function pagesPerEntry(pages: readonly ScanPage[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const p of pages) if (p.entryId !== null && isCounted(p)) n[p.entryId] = (n[p.entryId] ?? 0) + 1;
  return n;
}
