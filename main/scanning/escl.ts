import { XMLParser } from 'fast-xml-parser';
import type { AbortSignalLike, ScanCapabilities, ScanDevice, ScanEvent, ScanMode, ScanOptions, Scanner, ScanSession, ScanSource } from '../../core/scanning/scanner.js';
import { ScanError } from '../../core/scanning/errors.js';

/**
 * eSCL (AirScan), the HTTP protocol of network scanners: GET ScannerCapabilities, POST a ScanJob, then
 * GET its NextDocument until 404 (feeder empty), DELETE the job to cancel. Devices are configured by base
 * URL (e.g. `http://192.0.2.7/eSCL`), the id used everywhere; mDNS discovery is left to IT's settings.
 */
const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

const MODE_OF: Record<string, ScanMode> = { RGB24: 'color', RGB48: 'color', Grayscale8: 'gray', Grayscale16: 'gray', BlackAndWhite1: 'lineart' };
const ESCL_MODE: Record<ScanMode, string> = { color: 'RGB24', gray: 'Grayscale8', lineart: 'BlackAndWhite1' };

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface EsclOptions {
  devices: string[];
  requestTimeoutMs?: number;
  /** How long to keep asking while the scanner answers 503 (still scanning the page). */
  pageTimeoutMs?: number;
  retryMs?: number;
}

export class EsclScanner implements Scanner {
  readonly driver = 'escl' as const;

  constructor(private readonly opts: EsclOptions) {}

  private async request(url: string, init: RequestInit = {}, signal?: AbortSignalLike): Promise<Response> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.opts.requestTimeoutMs ?? 30_000);
    const onAbort = (): void => ctrl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await fetch(url, { ...init, signal: ctrl.signal });
    } catch (err) {
      if (signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled.', { device: url });
      throw new ScanError('device_gone', `The network scanner did not answer: ${(err as Error).message}`, { device: url, deviceMessage: (err as Error).message });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Only the scanners IT set (settings.setScanSources, admin) are ever asked: the device is a URL
   * that comes with the clerk's call, and without this check the terminal would send requests to
   * any address a caller names.
   */
  private configured(device: string): string {
    const strip = (u: string): string => u.replace(/\/+$/, '');
    if (!this.opts.devices.some((d) => strip(d) === strip(device))) {
      throw new ScanError('device_not_found', 'That is not one of the network scanners set for this terminal.', { device });
    }
    return strip(device);
  }

  async listDevices(): Promise<ScanDevice[]> {
    const out: ScanDevice[] = [];
    for (const base of this.opts.devices) {
      try {
        const caps = await this.capabilitiesXml(base);
        const [vendor = '', ...model] = String(caps.MakeAndModel ?? 'eSCL scanner').split(' ');
        out.push({ id: base, vendor, model: model.join(' '), type: 'network scanner', driver: 'escl' });
      } catch {
        // A scanner that is off is simply not listed.
      }
    }
    return out;
  }

  private async capabilitiesXml(base: string): Promise<Record<string, unknown>> {
    const res = await this.request(`${base}/ScannerCapabilities`);
    if (!res.ok) throw new ScanError('device_not_found', `The scanner at ${base} answered ${res.status} for its capabilities.`, { device: base });
    const doc = xml.parse(await res.text()) as { ScannerCapabilities?: Record<string, unknown> };
    if (!doc.ScannerCapabilities) throw new ScanError('device_not_found', `${base} is not an eSCL scanner.`, { device: base });
    return doc.ScannerCapabilities;
  }

  async options(asked: string): Promise<ScanCapabilities> {
    const device = this.configured(asked);
    const caps = await this.capabilitiesXml(device);
    const sources: ScanSource[] = [];
    const inputs: Record<string, unknown>[] = [];
    const platen = (caps.Platen as Record<string, unknown> | undefined)?.PlatenInputCaps as Record<string, unknown> | undefined;
    if (platen) {
      sources.push('flatbed');
      inputs.push(platen);
    }
    const adf = caps.Adf as Record<string, unknown> | undefined;
    if (adf?.AdfSimplexInputCaps) {
      sources.push('feeder');
      inputs.push(adf.AdfSimplexInputCaps as Record<string, unknown>);
    }
    if (adf?.AdfDuplexInputCaps) sources.push('duplex');
    const modes = new Set<ScanMode>();
    const resolutions = new Set<number>();
    for (const input of inputs) {
      for (const profile of list((input.SettingProfiles as Record<string, unknown> | undefined)?.SettingProfile as Record<string, unknown>[] | undefined)) {
        for (const m of list((profile.ColorModes as Record<string, unknown> | undefined)?.ColorMode as string[] | string | undefined)) {
          const mode = MODE_OF[m];
          if (mode) modes.add(mode);
        }
        const discrete = (profile.SupportedResolutions as Record<string, unknown> | undefined)?.DiscreteResolutions as Record<string, unknown> | undefined;
        for (const r of list(discrete?.DiscreteResolution as Record<string, unknown>[] | undefined)) resolutions.add(Number(r.XResolution));
      }
    }
    const values = [...resolutions].filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    return {
      device,
      resolutions: values.length ? { kind: 'list', values } : null,
      modes: [...modes],
      sources,
      defaults: { source: sources[0], mode: modes.has('color') ? 'color' : [...modes][0], resolution: values.includes(300) ? 300 : values[0] },
      deviceNames: { modes: Object.fromEntries([...modes].map((m) => [m, ESCL_MODE[m]])), sources: { flatbed: 'Platen', feeder: 'Feeder', duplex: 'Feeder' } },
    };
  }

  scan(device: string, options: ScanOptions, signal?: AbortSignalLike): ScanSession {
    return this.session(device, options, signal);
  }

  private async *session(asked: string, o: ScanOptions, signal?: AbortSignalLike): AsyncGenerator<ScanEvent> {
    const device = this.configured(asked);
    const settings = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version>
  <pwg:InputSource>${o.source === 'flatbed' ? 'Platen' : 'Feeder'}</pwg:InputSource>
  <scan:ColorMode>${ESCL_MODE[o.mode]}</scan:ColorMode>
  <scan:XResolution>${o.resolution}</scan:XResolution>
  <scan:YResolution>${o.resolution}</scan:YResolution>
  <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>${o.source === 'duplex' ? '\n  <scan:Duplex>true</scan:Duplex>' : ''}
</scan:ScanSettings>`;
    const created = await this.request(`${device}/ScanJobs`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: settings }, signal);
    if (created.status === 409 || created.status === 503) throw new ScanError('scan_failed', `The scanner is busy (${created.status}).`, { device, deviceStatus: 'busy' });
    if (created.status !== 201) throw new ScanError('scan_failed', `The scanner refused the job (${created.status}).`, { device, deviceMessage: await created.text() });
    const location = created.headers.get('location');
    if (!location) throw new ScanError('scan_failed', 'The scanner created a job without saying where.', { device });
    const jobUrl = new URL(location, `${device}/`);
    // The job lives on the scanner itself; a Location elsewhere would make the terminal fetch from there.
    if (jobUrl.origin !== new URL(device).origin) throw new ScanError('scan_failed', 'The scanner named a job on another server.', { device });
    const job = jobUrl.toString();
    const cancel = (): void => void fetch(job, { method: 'DELETE' }).catch(() => undefined);
    let index = 0;
    let finished = false;
    try {
      const max = o.source === 'flatbed' ? 1 : (o.maxPages ?? Number.POSITIVE_INFINITY);
      while (index < max) {
        if (signal?.aborted) throw new ScanError('cancelled', 'The scan was cancelled.', { device, pagesDelivered: index });
        const bytes = await this.nextDocument(job, device, index, signal);
        if (bytes === null) {
          if (index === 0 && o.source !== 'flatbed') throw new ScanError('feeder_empty', 'There is no paper in the feeder.', { device });
          break;
        }
        yield { type: 'progress', index, percent: 100 };
        yield { type: 'page', page: { index, bytes, mime: 'image/jpeg', dpi: o.resolution, mode: o.mode } };
        index += 1;
      }
      finished = true;
    } finally {
      if (!finished) cancel();
    }
  }

  /** The next page, or null when the job has no more (404). Waits while the scanner says 503. */
  private async nextDocument(job: string, device: string, index: number, signal?: AbortSignalLike): Promise<Uint8Array | null> {
    const deadline = Date.now() + (this.opts.pageTimeoutMs ?? 120_000);
    for (;;) {
      const res = await this.request(`${job}/NextDocument`, {}, signal);
      if (res.status === 200) return new Uint8Array(await res.arrayBuffer());
      if (res.status === 404) return null;
      if (res.status !== 503 || Date.now() > deadline) {
        throw new ScanError('scan_failed', `The scanner stopped with ${res.status} at page ${index + 1}.`, { device, pagesDelivered: index, deviceStatus: res.status === 503 ? 'timeout' : 'io_error' });
      }
      await new Promise((r) => setTimeout(r, this.opts.retryMs ?? 500));
    }
  }
}
