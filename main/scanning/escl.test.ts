import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { EsclScanner } from './escl.js';

/**
 * A small eSCL responder on 127.0.0.1 that serves real JPEG bytes: a flatbed and a feeder holding
 * `sheets` pages, answering 503 once per page while it "scans", and recording cancelled jobs.
 */
const CAPABILITIES = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:MakeAndModel>Acme ScanDesk 3000</pwg:MakeAndModel>
  <scan:Platen><scan:PlatenInputCaps><scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
    <scan:SupportedResolutions><scan:DiscreteResolutions>
      <scan:DiscreteResolution><scan:XResolution>150</scan:XResolution><scan:YResolution>150</scan:YResolution></scan:DiscreteResolution>
      <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
    </scan:DiscreteResolutions></scan:SupportedResolutions>
  </scan:SettingProfile></scan:SettingProfiles></scan:PlatenInputCaps></scan:Platen>
  <scan:Adf><scan:AdfSimplexInputCaps><scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
  </scan:SettingProfile></scan:SettingProfiles></scan:AdfSimplexInputCaps></scan:Adf>
</scan:ScannerCapabilities>`;

interface Responder {
  base: string;
  /** Every request it got, as `METHOD url`. */
  hits: string[];
  deleted: string[];
  settings: string[];
  server: Server;
  setLocation(location: string): void;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function responder(sheets: number): Promise<Responder> {
  const pages = await Promise.all(
    Array.from({ length: Math.max(sheets, 1) }, (_, i) => sharp({ create: { width: 120 + i, height: 170, channels: 3, background: '#fff' } }).jpeg().toBuffer()),
  );
  const state = { left: sheets, busyOnce: true, hits: [] as string[], deleted: [] as string[], settings: [] as string[], source: 'Platen', location: '/eSCL/ScanJobs/job-1' };
  const server = createServer((req, res) => {
    state.hits.push(`${req.method} ${req.url}`);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'GET' && url === '/eSCL/ScannerCapabilities') {
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(CAPABILITIES);
      } else if (req.method === 'POST' && url === '/eSCL/ScanJobs') {
        state.settings.push(body);
        state.source = /<pwg:InputSource>(\w+)</.exec(body)?.[1] ?? 'Platen';
        if (state.source === 'Platen') state.left = 1;
        res.writeHead(201, { Location: state.location }).end();
      } else if (req.method === 'GET' && url === '/eSCL/ScanJobs/job-1/NextDocument') {
        if (state.busyOnce) {
          state.busyOnce = false;
          res.writeHead(503).end();
          return;
        }
        if (state.left <= 0) {
          res.writeHead(404).end();
          return;
        }
        const page = pages[sheets - state.left] ?? pages[0]!;
        state.left -= 1;
        state.busyOnce = true;
        res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(page);
      } else if (req.method === 'DELETE' && url.startsWith('/eSCL/ScanJobs/')) {
        state.deleted.push(url);
        res.writeHead(200).end();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/eSCL`,
    hits: state.hits,
    deleted: state.deleted,
    settings: state.settings,
    server,
    setLocation: (l: string) => (state.location = l),
  };
}

describe('eSCL driver against a responder on 127.0.0.1', () => {
  it('lists the scanner and reads its capabilities', async () => {
    const r = await responder(3);
    const scanner = new EsclScanner({ devices: [r.base, 'http://127.0.0.1:1/eSCL'], requestTimeoutMs: 2000 });
    expect(await scanner.listDevices()).toEqual([{ id: r.base, vendor: 'Acme', model: 'ScanDesk 3000', type: 'network scanner', driver: 'escl' }]);
    const caps = await scanner.options(r.base);
    expect(caps.sources).toEqual(['flatbed', 'feeder']);
    expect(caps.modes).toEqual(['color', 'gray']);
    expect(caps.resolutions).toEqual({ kind: 'list', values: [150, 300] });
  });

  it('scans the flatbed: one real JPEG page, waiting through a 503', async () => {
    const r = await responder(1);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 20 });
    const pages = [];
    for await (const e of scanner.scan(r.base, { resolution: 300, mode: 'gray', source: 'flatbed' })) if (e.type === 'page') pages.push(e.page);
    expect(pages).toHaveLength(1);
    expect((await sharp(pages[0]!.bytes).metadata()).format).toBe('jpeg');
    expect(r.settings[0]).toContain('<scan:ColorMode>Grayscale8</scan:ColorMode>');
    expect(r.settings[0]).toContain('<scan:XResolution>300</scan:XResolution>');
  });

  it('drains the feeder in order until it is empty (404), then ends cleanly', async () => {
    const r = await responder(4);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 10 });
    const widths: number[] = [];
    for await (const e of scanner.scan(r.base, { resolution: 150, mode: 'color', source: 'feeder' })) {
      if (e.type === 'page') widths.push((await sharp(e.page.bytes).metadata()).width ?? 0);
    }
    expect(widths).toEqual([120, 121, 122, 123]);
    expect(r.deleted).toEqual([]);
  });

  it('says feeder_empty when the feeder has no paper at all', async () => {
    const r = await responder(0);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 10 });
    const run = async (): Promise<void> => {
      for await (const _ of scanner.scan(r.base, { resolution: 150, mode: 'color', source: 'feeder' })) void _;
    };
    await expect(run()).rejects.toMatchObject({ reason: 'feeder_empty' });
  });

  it('cancels: stops after the abort and deletes the job on the scanner', async () => {
    const r = await responder(10);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 10 });
    const ctrl = new AbortController();
    let pages = 0;
    const run = async (): Promise<void> => {
      for await (const e of scanner.scan(r.base, { resolution: 150, mode: 'color', source: 'feeder' }, ctrl.signal)) {
        if (e.type === 'page' && ++pages === 2) ctrl.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ reason: 'cancelled' });
    expect(pages).toBe(2);
    // The DELETE goes out without being waited for (a cancel must not hang on a scanner that is gone).
    await expect.poll(() => r.deleted, { timeout: 10_000 }).toEqual(['/eSCL/ScanJobs/job-1']);
  });

  it('reports a scanner that disappears mid-batch as device_gone', async () => {
    const r = await responder(10);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 10, requestTimeoutMs: 2000 });
    let pages = 0;
    const run = async (): Promise<void> => {
      for await (const e of scanner.scan(r.base, { resolution: 150, mode: 'color', source: 'feeder' })) {
        if (e.type === 'page' && ++pages === 1) {
          r.server.closeAllConnections();
          await new Promise((res) => r.server.close(res));
        }
      }
    };
    await expect(run()).rejects.toMatchObject({ reason: 'device_gone' });
    expect(pages).toBe(1);
  });

  it('asks only the scanners it was configured with: any other URL is refused without a request', async () => {
    const configured = await responder(1);
    const other = await responder(1);
    const scanner = new EsclScanner({ devices: [configured.base], retryMs: 10 });
    await expect(scanner.options(other.base)).rejects.toMatchObject({ reason: 'device_not_found' });
    const run = async (): Promise<void> => {
      for await (const _ of scanner.scan(other.base, { resolution: 150, mode: 'color', source: 'flatbed' })) void _;
    };
    await expect(run()).rejects.toMatchObject({ reason: 'device_not_found' });
    expect(other.hits).toEqual([]);
    // The configured one, written with a trailing slash, is still itself.
    expect((await scanner.options(`${configured.base}/`)).sources).toEqual(['flatbed', 'feeder']);
  });

  it('refuses a job the scanner says lives on another server, and fetches nothing from there', async () => {
    const r = await responder(1);
    const elsewhere = await responder(1);
    r.setLocation(`${elsewhere.base}/ScanJobs/job-1`);
    const scanner = new EsclScanner({ devices: [r.base], retryMs: 10 });
    const run = async (): Promise<void> => {
      for await (const _ of scanner.scan(r.base, { resolution: 150, mode: 'color', source: 'flatbed' })) void _;
    };
    await expect(run()).rejects.toMatchObject({ reason: 'scan_failed' });
    expect(elsewhere.hits).toEqual([]);
  });
});
