import { useScanBatch, type ScanBatch } from './useScanBatch.js';
import { useScanRun, type ScanRun } from './useScanRun.js';

export interface Scans {
  batch: ScanBatch;
  run: ScanRun;
}

/**
 * The intake's scanned pages and its scan in progress. Held by the intake screen, not the panel, so
 * a scan keeps being followed (and can be cancelled) when the clerk steps to the outcome and back,
 * and the checklist's page counts are there whenever the step is.
 */
export function useScans(intakeId: string): Scans {
  return { batch: useScanBatch(intakeId), run: useScanRun(intakeId) };
}
