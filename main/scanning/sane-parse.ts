import type { ResolutionChoice, ScanCapabilities, ScanDevice, ScanMode, ScanSource } from '../../core/scanning/index.js';

/**
 * Reading what `scanimage` prints (with LANG=C). Pure functions, tested on real and recorded output.
 */

/** The `-f` format the driver lists devices with: name, vendor, model, type, tab-separated, a line each. */
export const DEVICE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

export function parseDeviceList(text: string): ScanDevice[] {
  const devices: ScanDevice[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const [id, vendor = '', model = '', type = ''] = line.replace(/\r$/, '').split('\t');
    if (!id || seen.has(id)) continue;
    seen.add(id);
    devices.push({ id, vendor: vendor.trim(), model: model.trim(), type: type.trim(), driver: 'sane' });
  }
  return devices;
}

/** One option line of `scanimage -A`: `--resolution 75|150|300dpi [150]`, `--mode Gray|Color [Gray]`. */
export interface SaneOption {
  name: string;
  /** The choices as printed, without the unit (`Gray`, `Color`), or null for a range or a free value. */
  values: string[] | null;
  range: { min: number; max: number; step: number } | null;
  unit: string;
  /** The bracketed value: the current setting, or `inactive` / `advanced` when there is none to show. */
  current: string | null;
  inactive: boolean;
}

const UNITS = /(dpi|mm|pel|bit|us|%)$/;

/**
 * Parses the option lines of `scanimage -d DEV -A`. Lines of descriptions (indented deeper) and
 * group titles are skipped; an option line is `  -x …` or `  --name …` with its current value in
 * brackets at the end.
 */
export function parseAllOptions(text: string): Map<string, SaneOption> {
  const options = new Map<string, SaneOption>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const head = /^ {2,6}(--?[A-Za-z0-9][\w-]*)(\[=\([^)]*\)\])?(?: (.*))?$/.exec(line);
    if (!head?.[1]) continue;
    const name = head[1].replace(/^-+/, '');
    let rest = (head[3] ?? '').trimEnd();
    let current: string | null = null;
    const bracket = rest.lastIndexOf(' [');
    if (rest.endsWith(']') && bracket >= 0) {
      current = rest.slice(bracket + 2, -1);
      rest = rest.slice(0, bracket);
    } else if (rest.startsWith('[') && rest.endsWith(']')) {
      current = rest.slice(1, -1);
      rest = '';
    }
    const inactive = current === 'inactive';
    let values: string[] | null = null;
    let range: SaneOption['range'] = null;
    let unit = '';
    const r = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)([a-z%]*)(?:,\.\.\.)?(?: \(in steps of (\d+(?:\.\d+)?)\))?$/.exec(rest);
    if (r) {
      range = { min: Number(r[1]), max: Number(r[2]), step: r[4] ? Number(r[4]) : 0 };
      unit = r[3] ?? '';
    } else if (rest.includes('|') || (rest !== '' && !rest.startsWith('<'))) {
      values = rest.split('|');
      const last = values[values.length - 1] ?? '';
      const u = UNITS.exec(last);
      if (u && /^-?\d/.test(last)) {
        unit = u[1] ?? '';
        values[values.length - 1] = last.slice(0, -unit.length);
      }
    }
    if (!options.has(name)) options.set(name, { name, values, range, unit, current, inactive });
  }
  return options;
}

/** Words that mark a dithered or reduced variant: chosen only when the device has nothing plainer. */
const LESSER = /halftone|dither|diffusion|\[|fast|draft|preview/i;

const MODE_PATTERNS: Record<ScanMode, RegExp> = {
  color: /colou?r|rgb|24 ?bit|48 ?bit/i,
  gray: /gr[ae]y|greyscale|grayscale|monochrome ?8|8 ?bit/i,
  lineart: /line ?art|binary|black ?(&|and) ?white|b ?& ?w|monochrome|halftone|1 ?bit/i,
};

const SOURCE_PATTERNS: Record<ScanSource, RegExp> = {
  duplex: /duplex|both sides/i,
  feeder: /adf|feeder|automatic document|\bfeed/i,
  flatbed: /flat ?bed|platen|document table|glass|normal/i,
};

/** The device's value for each of our modes or sources: the plainest match, in the device's order. */
function mapNames<K extends string>(values: string[], patterns: Record<K, RegExp>, order: K[], exclude?: (k: K, v: string) => boolean): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  const taken = new Set<string>();
  for (const k of order) {
    const matches = values.filter((v) => !taken.has(v) && patterns[k].test(v) && !exclude?.(k, v));
    const best = matches.find((v) => !LESSER.test(v)) ?? matches[0];
    if (best !== undefined) {
      out[k] = best;
      taken.add(best);
    }
  }
  return out;
}

/** Sources in the device's terms → ours (`ADF Back` alone is never "the feeder"). */
export function mapSources(values: string[]): Partial<Record<ScanSource, string>> {
  return mapNames<ScanSource>(values, SOURCE_PATTERNS, ['duplex', 'feeder', 'flatbed'], (k, v) => k === 'feeder' && /\bback\b/i.test(v));
}

/** Modes in the device's terms → ours. Colour is matched first, so `24bit Color` is not grey. */
export function mapModes(values: string[]): Partial<Record<ScanMode, string>> {
  return mapNames<ScanMode>(values, MODE_PATTERNS, ['color', 'gray', 'lineart'], (k, v) => k === 'gray' && /line ?art|binary|halftone|black/i.test(v));
}

function keyOf<K extends string>(names: Partial<Record<K, string>>, value: string | null): K | undefined {
  if (value === null) return undefined;
  return (Object.keys(names) as K[]).find((k) => names[k] === value);
}

function resolutionChoice(o: SaneOption | undefined): ResolutionChoice | null {
  if (!o || o.inactive) return null;
  if (o.range) return { kind: 'range', min: o.range.min, max: o.range.max, step: o.range.step };
  const values = (o.values ?? []).map(Number).filter((n) => Number.isFinite(n) && n > 0);
  return values.length > 0 ? { kind: 'list', values: [...new Set(values)].sort((a, b) => a - b) } : null;
}

/** What a device offers, from its `scanimage -A` options. */
export function capabilitiesFrom(device: string, options: Map<string, SaneOption>): ScanCapabilities {
  const resolution = options.get('resolution') ?? options.get('x-resolution');
  const mode = options.get('mode');
  const source = options.get('source');
  const modeNames = mode && !mode.inactive && mode.values ? mapModes(mode.values) : {};
  const sourceNames = source && !source.inactive && source.values ? mapSources(source.values) : {};
  const order = <K extends string>(names: Partial<Record<K, string>>, values: string[] | null | undefined): K[] =>
    (values ?? []).map((v) => keyOf(names, v)).filter((k): k is K => k !== undefined);
  const caps: ScanCapabilities = {
    device,
    resolutions: resolutionChoice(resolution),
    modes: order(modeNames, mode?.values),
    sources: order(sourceNames, source?.values),
    defaults: {},
    deviceNames: { modes: modeNames, sources: sourceNames },
  };
  const dpi = Number(resolution?.current);
  if (resolution && !resolution.inactive && Number.isFinite(dpi) && dpi > 0) caps.defaults.resolution = dpi;
  const m = keyOf(modeNames, mode?.current ?? null);
  if (m) caps.defaults.mode = m;
  const s = keyOf(sourceNames, source?.current ?? null);
  if (s) caps.defaults.source = s;
  return caps;
}

/** SANE's status texts (sane_strstatus) as scanimage prints them, and the exit code it uses for each. */
export const SANE_STATUS = {
  UNSUPPORTED: { code: 1, text: 'Operation not supported' },
  CANCELLED: { code: 2, text: 'Operation was cancelled' },
  DEVICE_BUSY: { code: 3, text: 'Device busy' },
  INVAL: { code: 4, text: 'Invalid argument' },
  EOF: { code: 5, text: 'End of file reached' },
  JAMMED: { code: 6, text: 'Document feeder jammed' },
  NO_DOCS: { code: 7, text: 'Document feeder out of documents' },
  COVER_OPEN: { code: 8, text: 'Scanner cover is open' },
  IO_ERROR: { code: 9, text: 'Error during device I/O' },
  NO_MEM: { code: 10, text: 'Out of memory' },
  ACCESS_DENIED: { code: 11, text: 'Access to resource has been denied' },
} as const;

/** Lines of scanimage's stderr worth showing: its own `scanimage: …` messages, without progress. */
export function scanimageMessages(stderr: string): string[] {
  return stderr
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('scanimage: '))
    .map((l) => l.slice('scanimage: '.length));
}

/** `Scanning page 3` → 3; `Progress: 41.2%` → 41.2. */
export function parseProgressLine(line: string): { page: number } | { percent: number } | null {
  const page = /^Scanning page (\d+)/.exec(line);
  if (page) return { page: Number(page[1]) };
  const p = /^Progress: (\d+(?:\.\d+)?)%/.exec(line);
  if (p) return { percent: Math.min(100, Number(p[1])) };
  return null;
}
