import { pickResolution, ScanError, type ScanCapabilities, type ScanMode, type ScanOptions } from '../../core/scanning/index.js';

/** How one scan runs: scanimage's arguments, and what its pages will be. */
export interface ScanPlan {
  args: string[];
  dpi: number;
  mode: ScanMode;
  batch: boolean;
}

/** The scanimage arguments for the wanted options on this device, or `option_unsupported`. */
export function planScan(caps: ScanCapabilities, options: ScanOptions): ScanPlan {
  const { device } = caps;
  const args: string[] = [];
  const batch = options.source !== 'flatbed';

  if (caps.sources.length === 0) {
    if (batch) throw new ScanError('option_unsupported', `The scanner "${device}" has no document feeder.`, { device });
  } else {
    const name = caps.deviceNames.sources[options.source];
    if (name === undefined) {
      const offered = caps.sources.join(', ');
      throw new ScanError('option_unsupported', `The scanner "${device}" cannot scan from the ${options.source} (it offers: ${offered}).`, { device });
    }
    args.push(`--source=${name}`);
  }

  let mode = options.mode;
  if (caps.modes.length === 0) {
    mode = caps.defaults.mode ?? options.mode;
  } else {
    const name = caps.deviceNames.modes[options.mode];
    if (name === undefined) throw new ScanError('option_unsupported', `The scanner "${device}" has no ${options.mode} mode (it offers: ${caps.modes.join(', ')}).`, { device });
    args.push(`--mode=${name}`);
  }

  const dpi = pickResolution(caps.resolutions, options.resolution);
  if (caps.resolutions !== null) args.push(`--resolution=${dpi}`);

  if (!batch) args.push('--batch-count=1');
  else if (options.maxPages !== undefined) {
    if (!Number.isInteger(options.maxPages) || options.maxPages < 1) throw new RangeError(`maxPages must be a positive integer, not ${options.maxPages}`);
    args.push(`--batch-count=${options.maxPages}`);
  }
  return { args, dpi, mode, batch };
}
