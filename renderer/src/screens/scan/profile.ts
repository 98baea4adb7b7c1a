import { SCAN_MODES } from '../../../../core/scanning/scanner.js';
import type { Capabilities, Device, ScanDriver, ScanMode, ScanProfile, ScanSource } from './types.js';

/**
 * Fitting a scan profile to what a device offers, as pure functions: the pickers show only what the
 * device can do, and a saved profile (or the device's own defaults) is kept where it fits.
 */

/** Resolutions a clerk picks from: a counter needs a handful, not every dpi of a 1..1200 range. */
const COMMON_DPI = [50, 75, 100, 150, 200, 240, 300, 400, 600, 1200] as const;
const MIN_DPI = 50;
const MAX_DPI = 1200;

export function deviceKey(d: { driver: string; id: string }): string {
  return `${d.driver}:${d.id}`;
}

/** What the panel scans from (a watched folder "scans" by taking what the scanner software saves); cameras and files come in other ways. */
const SCAN_DRIVERS: readonly string[] = ['sane', 'escl', 'folder'] satisfies readonly ScanDriver[];

export function isScanDriver(driver: string): driver is ScanDriver {
  return SCAN_DRIVERS.includes(driver);
}

export function scannable(devices: readonly Device[]): (Device & { driver: ScanDriver })[] {
  return devices.filter((d): d is Device & { driver: ScanDriver } => isScanDriver(d.driver));
}

export function resolutionChoices(caps: Capabilities | null, current?: number): number[] {
  const r = caps?.resolutions;
  let values: number[];
  if (!r) values = [...COMMON_DPI];
  else if (r.kind === 'list') values = r.values.filter((v) => v >= MIN_DPI && v <= MAX_DPI);
  else {
    const lo = Math.max(MIN_DPI, r.min);
    const hi = Math.min(MAX_DPI, r.max);
    values = COMMON_DPI.filter((v) => v >= lo && v <= hi && (r.step <= 1 || (v - r.min) % r.step === 0));
    if (current !== undefined && current >= lo && current <= hi && !values.includes(current)) values.push(current);
    if (values.length === 0 && lo <= hi) values.push(lo);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

export function modeChoices(caps: Capabilities | null): ScanMode[] {
  return caps && caps.modes.length > 0 ? [...caps.modes] : [...SCAN_MODES];
}

/** A device that names no source is a flatbed (core/scanning/scanner.ts). */
export function sourceChoices(caps: Capabilities | null): ScanSource[] {
  return caps && caps.sources.length > 0 ? [...caps.sources] : ['flatbed'];
}

function nearest(values: readonly number[], want: number): number | undefined {
  let best: number | undefined;
  for (const v of values) if (best === undefined || Math.abs(v - want) < Math.abs(best - want)) best = v;
  return best;
}

/**
 * The profile for `device` with `caps`: each setting from `wish` when the device offers it, else the
 * device's default, else a counter's usual (300 dpi, colour, the feeder when there is one).
 */
export function fitProfile(device: { driver: ScanDriver; id: string }, caps: Capabilities | null, wish: Partial<ScanProfile>): ScanProfile {
  const dpis = resolutionChoices(caps, wish.resolution);
  const modes = modeChoices(caps);
  const sources = sourceChoices(caps);
  const resolution = (wish.resolution !== undefined && dpis.includes(wish.resolution) ? wish.resolution : undefined) ?? nearest(dpis, caps?.defaults.resolution ?? 300) ?? 300;
  const mode = (wish.mode && modes.includes(wish.mode) ? wish.mode : undefined) ?? (caps?.defaults.mode && modes.includes(caps.defaults.mode) ? caps.defaults.mode : undefined) ?? (modes.includes('color') ? 'color' : (modes[0] ?? 'color'));
  const source =
    (wish.source && sources.includes(wish.source) ? wish.source : undefined) ??
    (caps?.defaults.source && sources.includes(caps.defaults.source) ? caps.defaults.source : undefined) ??
    (sources.includes('feeder') ? 'feeder' : undefined) ??
    sources[0] ??
    'flatbed';
  return { driver: device.driver, device: device.id, resolution, mode, source };
}

export function sameProfile(a: ScanProfile | null, b: ScanProfile | null): boolean {
  return a !== null && b !== null && a.driver === b.driver && a.device === b.device && a.resolution === b.resolution && a.mode === b.mode && a.source === b.source;
}
