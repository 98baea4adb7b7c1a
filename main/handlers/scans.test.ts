import { randomUUID } from 'node:crypto';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../core/api/contract.js';
import { createAppContext } from '../app-context.js';
import { BlobStore } from '../blobs/store.js';
import { pendingCommands } from '../../tests/support/outbox.js';
import { collectScanOrphans } from '../scanning/orphans.js';
import { ScannerRegistry } from '../scanning/registry.js';
import { SaneScanner } from '../scanning/sane.js';
import { tempDir } from '../../tests/support/temp.js';
import { counts, receivedMarks, RESIDENCE_PERMIT, signedInTerminal, person, type Call } from '../../tests/support/intake.js';

/**
 * The scanning handlers on a real store, with SANE's `test` backend (scripts/enable-sane-test.sh): test:0
 * has a flatbed and a feeder that runs empty after 10 sheets. 50 dpi keeps every page small and quick.
 */
const FEEDER = { driver: 'sane', device: 'test:0', resolution: 50, mode: 'color', source: 'feeder' } as const;

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; reason?: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.reason ?? ''} ${r.error.message}`);
  return r.value;
}

async function reasonOf(p: Promise<{ ok: boolean; error?: { reason?: string; code: string } }>): Promise<string> {
  const r = await p;
  if (r.ok) return 'ok';
  return r.error?.reason ?? r.error?.code ?? 'unknown';
}

async function png(width = 400, height = 560, text = 'page'): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="40">${text}</text><rect x="20" y="100" width="300" height="200" fill="black"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

async function pdf(pages: number): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 24 });
  return Buffer.from(await doc.save()).toString('base64');
}

async function pagesOf(call: Call, intakeId: string) {
  return (await must(call('scans.batch', { intakeId }))).pages;
}

describe('scanning into an intake batch (real SANE test backend)', () => {
  it('stores a 10-sheet feeder batch page by page, in order, with an event per page', async () => {
    const { ctx, call } = await signedInTerminal();
    const intakeId = randomUUID();
    const events: AppEvent[] = [];
    ctx.events.subscribe((e) => events.push(e));
    const r = await must(call('scans.scan', { intakeId, ...FEEDER }));
    expect(r).toEqual({ added: 10, ended: 'complete' });
    const pages = await pagesOf(call, intakeId);
    expect(pages.map((p) => p.pos)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const pageEvents = events.filter((e) => e.name === 'scans.page').map((e) => (e.payload as { pageId: number }).pageId);
    expect(pageEvents).toEqual(pages.map((p) => p.id));
    for (const p of pages) {
      expect(p.source).toBe('sane');
      expect(p.dpi).toBe(50);
      expect(ctx.blobs.has(p.sha256)).toBe(true);
    }
    const thumb = await must(call('scans.image', { pageId: pages[0]!.id, size: 'thumbnail' }));
    expect((await sharp(Buffer.from(thumb.dataBase64, 'base64')).metadata()).format).toBe('jpeg');
  });

  it('says clearly when scanimage is missing, and adds nothing', async () => {
    const scanners = new ScannerRegistry({ sane: new SaneScanner({ command: '/nonexistent/scanimage' }) });
    const { call } = await signedInTerminal({ scanners });
    const list = await must(call('scans.devices', { refresh: true }));
    expect(list.devices).toEqual([]);
    expect(list.problems.map((p) => p.reason)).toEqual(['scanner_missing']);
    const intakeId = randomUUID();
    expect(await reasonOf(call('scans.scan', { intakeId, ...FEEDER }))).toBe('scanner_missing');
    expect(await pagesOf(call, intakeId)).toEqual([]);
  });

  it('a cancelled feeder batch keeps the pages stored before the cancel', async () => {
    const { ctx, call } = await signedInTerminal();
    const intakeId = randomUUID();
    ctx.events.subscribe((e) => {
      if (e.name === 'scans.page') void call('scans.cancel', { intakeId });
    });
    const r = await must(call('scans.scan', { intakeId, ...FEEDER, resolution: 75 }));
    expect(r.ended).toBe('cancelled');
    const pages = await pagesOf(call, intakeId);
    expect(pages.length).toBe(r.added);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThan(10);
  });
});

describe('a watched folder configured by IT', () => {
  it('only an admin sets the sources; a folder scan takes the saved files as pages of source folder', async () => {
    const folder = tempDir();
    const scanners = new ScannerRegistry({ folders: () => [folder], folderIdleMs: 500 });
    const { call } = await signedInTerminal({ scanners });
    expect(await reasonOf(call('settings.setScanSources', { esclUrls: [], watchFolders: [folder] }))).toBe('forbidden');
    writeFileSync(join(folder, 'scan-001.png'), Buffer.from(await png(), 'base64'));
    writeFileSync(join(folder, 'scan-002.png'), Buffer.from(await png(300, 420), 'base64'));
    const intakeId = randomUUID();
    expect(await must(call('scans.scan', { intakeId, driver: 'folder', device: folder, resolution: 300, mode: 'color', source: 'flatbed' }))).toEqual({ added: 2, ended: 'complete' });
    expect((await pagesOf(call, intakeId)).map((p) => [p.source, p.width])).toEqual([['folder', 400], ['folder', 300]]);
  });

  it('a clerk cannot make the terminal send requests to a URL the admin did not set as an eSCL scanner', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const elsewhere = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eSCL`;
      const { call } = await signedInTerminal();
      expect(await reasonOf(call('scans.capabilities', { driver: 'escl', device: elsewhere }))).toBe('device_not_found');
      expect(await reasonOf(call('scans.scan', { intakeId: randomUUID(), driver: 'escl', device: elsewhere, resolution: 300, mode: 'color', source: 'flatbed' }))).toBe('device_not_found');
      expect(hits).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("the admin's sources are saved and listed", async () => {
    const folder = tempDir();
    const { call } = await signedInTerminal();
    await must(call('auth.signIn', { login: 'admin', password: 'admin-pass-1' }));
    expect(await reasonOf(call('settings.setScanSources', { esclUrls: ['ftp://x'], watchFolders: [] }))).toBe('invalid_input');
    expect(await reasonOf(call('settings.setScanSources', { esclUrls: [], watchFolders: ['relative/path'] }))).toBe('invalid_input');
    await must(call('settings.setScanSources', { esclUrls: [], watchFolders: [folder] }));
    const list = await must(call('scans.devices', { refresh: true }));
    expect(list.devices.filter((d) => d.driver === 'folder').map((d) => d.id)).toEqual([folder]);
  });
});

describe('page work on a batch', () => {
  it('rotates from the original (four quarter turns give the same bytes back), excludes, deletes and restores', async () => {
    const { call } = await signedInTerminal();
    const intakeId = randomUUID();
    await must(call('scans.import', { intakeId, source: 'file', fileName: 'a.png', dataBase64: await png(400, 560) }));
    const [page] = await pagesOf(call, intakeId);
    const turned = await must(call('scans.updatePage', { pageId: page!.id, rotate: 90 }));
    expect([turned.width, turned.height, turned.rotation]).toEqual([560, 400, 90]);
    const back = await must(call('scans.updatePage', { pageId: page!.id, rotate: 270 }));
    expect(back.rotation).toBe(0);
    expect(back.sha256).toBe(page!.sha256);
    expect((await must(call('scans.updatePage', { pageId: page!.id, excluded: true }))).excluded).toBe(true);
    expect((await must(call('scans.updatePage', { pageId: page!.id, deleted: true }))).deleted).toBe(true);
    expect((await must(call('scans.updatePage', { pageId: page!.id, deleted: false, excluded: false }))).deleted).toBe(false);
  });

  it('reorders only with every page given once, and assigns pages to a material', async () => {
    const { call } = await signedInTerminal();
    const intakeId = randomUUID();
    for (const name of ['a', 'b', 'c']) await must(call('scans.import', { intakeId, source: 'file', fileName: `${name}.png`, dataBase64: await png(300, 400, name) }));
    const [a, b, c] = await pagesOf(call, intakeId);
    expect(await reasonOf(call('scans.reorder', { intakeId, pageIds: [c!.id, a!.id] }))).toBe('order_incomplete');
    expect(await reasonOf(call('scans.reorder', { intakeId, pageIds: [c!.id, a!.id, a!.id] }))).toBe('order_incomplete');
    const reordered = await must(call('scans.reorder', { intakeId, pageIds: [c!.id, a!.id, b!.id] }));
    expect(reordered.pages.map((p) => p.sourceName)).toEqual(['c.png', 'a.png', 'b.png']);
    const assigned = await must(call('scans.assign', { intakeId, pageIds: [a!.id, b!.id], entryId: 'x#id_card' }));
    expect(assigned.pages.map((p) => p.entryId)).toEqual([null, 'x#id_card', 'x#id_card']);
  });
});

describe('imports and bad input: a clear reason, nothing attached', () => {
  it('refuses a renamed text file, an empty file, a corrupt PNG and a 500-page PDF; takes a 3-page PDF whole', async () => {
    const { call } = await signedInTerminal();
    const intakeId = randomUUID();
    const text = Buffer.from('this is not an image at all\n'.repeat(20)).toString('base64');
    expect(await reasonOf(call('scans.import', { intakeId, source: 'file', fileName: 'photo.jpg', dataBase64: text }))).toBe('image_unsupported');
    expect(await reasonOf(call('scans.import', { intakeId, source: 'file', fileName: 'empty.png', dataBase64: '' }))).toBe('image_empty');
    const truncated = Buffer.from(await png(), 'base64').subarray(0, 400).toString('base64');
    expect(await reasonOf(call('scans.import', { intakeId, source: 'file', fileName: 'cut.png', dataBase64: truncated }))).toBe('image_corrupt');
    expect(await reasonOf(call('scans.import', { intakeId, source: 'file', fileName: 'big.pdf', dataBase64: await pdf(500) }))).toBe('pdf_too_many_pages');
    expect(await pagesOf(call, intakeId)).toEqual([]);
    expect(await must(call('scans.import', { intakeId, source: 'file', fileName: 'three.pdf', dataBase64: await pdf(3) }))).toEqual({ added: 3 });
    const pages = await pagesOf(call, intakeId);
    expect(pages.map((p) => [p.sourceName, p.dpi])).toEqual([['three.pdf', 200], ['three.pdf', 200], ['three.pdf', 200]]);
  });

  it('keeps only a clean base name of an imported file (no folders, no control or bidi characters)', async () => {
    const { call } = await signedInTerminal();
    const intakeId = randomUUID();
    await must(call('scans.import', { intakeId, source: 'file', fileName: '../../etc/\u0007pass\u202ewd.png', dataBase64: await png() }));
    expect((await pagesOf(call, intakeId))[0]!.sourceName).toBe('passwd.png');
  });

  it('a disk that fails while storing attaches no page and leaves no file behind', async () => {
    const { ctx, call } = await signedInTerminal();
    const intakeId = randomUUID();
    const full = new BlobStore(ctx.blobs.root, {
      write: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    });
    const broken = { ...ctx, blobs: full };
    const { dispatch } = await import('./dispatch.js');
    const r = await dispatch(broken, { door: 'host' }, 'scans.import', { intakeId, source: 'file', fileName: 'a.pdf', dataBase64: await pdf(2) });
    expect(r.ok ? 'ok' : r.error.reason).toBe('disk_full');
    expect(await pagesOf(call, intakeId)).toEqual([]);
    expect(collectScanOrphans(ctx.store.db, ctx.blobs, Date.now() + 2 * 3600_000)).toEqual({ blobs: 0, temps: 0 });
  });
});

describe('the batch travels with the case', () => {
  it('on submit: one PDF per material, the case shows page counts, the outbox command names the PDFs and page hashes, the batch closes', async () => {
    const { ctx, call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target);
    const intakeId = randomUUID();
    for (const n of ['1', '2', '3', '4']) await must(call('scans.import', { intakeId, source: 'file', fileName: `${n}.png`, dataBase64: await png(300, 420, n) }));
    const [p1, p2, p3, p4] = await pagesOf(call, intakeId);
    const [first, second] = materials;
    await must(call('scans.assign', { intakeId, pageIds: [p1!.id, p2!.id], entryId: first!.entryId }));
    await must(call('scans.assign', { intakeId, pageIds: [p3!.id], entryId: second!.entryId }));
    await must(call('scans.updatePage', { pageId: p4!.id, deleted: true }));
    const accepted = await must(call('cases.accept', { intakeId, applicant: person(), target, materials }));

    const detail = await must(call('cases.get', { caseNo: accepted.caseNo }));
    expect(detail.materials.find((m) => m.entryId === first!.entryId)?.scannedPages).toBe(2);
    expect(detail.materials.find((m) => m.entryId === second!.entryId)?.scannedPages).toBe(1);

    const command = pendingCommands(ctx.store.db).find((c) => c.name === 'acceptCase')!;
    const scans = (command.args as { scans: { entryId: string; pdf: string; pageCount: number; pages: string[] }[] }).scans;
    expect(scans.map((s) => [s.entryId, s.pageCount, s.pages])).toEqual([
      [first!.entryId, 2, [p1!.sha256, p2!.sha256]],
      [second!.entryId, 1, [p3!.sha256]],
    ]);
    expect(command.blobs).toEqual(scans.map((s) => s.pdf));
    const assembled = await PDFDocument.load(ctx.blobs.get(scans[0]!.pdf));
    expect(assembled.getPageCount()).toBe(2);

    expect((await pagesOf(call, intakeId)).map((p) => p.id)).toEqual([p1!.id, p2!.id, p3!.id]);
    expect(await reasonOf(call('scans.import', { intakeId, source: 'file', fileName: 'late.png', dataBase64: await png() }))).toBe('batch_closed');
    expect((await must(call('scans.openBatches', {}))).batches).toEqual([]);
  });

  it('refuses an intake whose pages are assigned to a material not on its checklist, and writes no case', async () => {
    const { ctx, call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target);
    const intakeId = randomUUID();
    await must(call('scans.import', { intakeId, source: 'file', fileName: 'x.png', dataBase64: await png() }));
    const [page] = await pagesOf(call, intakeId);
    await must(call('scans.updatePage', { pageId: page!.id, entryId: 'someone-else#lease' }));
    expect(await reasonOf(call('cases.accept', { intakeId, applicant: person(), target, materials }))).toBe('scan_material_unknown');
    expect(counts(ctx).cases).toBe(0);
    expect((await must(call('scans.openBatches', {}))).batches.map((b) => b.intakeId)).toEqual([intakeId]);
  });
});

describe('submitting while pages are still arriving', () => {
  it('waits for an import in flight (a PDF being drawn), refuses pages for an intake already submitted, and keeps what the outbox will upload', async () => {
    const { ctx, call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target);
    const intakeId = randomUUID();
    const importing = call('scans.import', { intakeId, source: 'file', fileName: 'long.pdf', dataBase64: await pdf(3) });
    expect(await reasonOf(call('cases.accept', { intakeId, applicant: person(), target, materials }))).toBe('scan_in_progress');
    expect(await must(importing)).toEqual({ added: 3 });
    const [page] = await pagesOf(call, intakeId);
    await must(call('scans.assign', { intakeId, pageIds: [page!.id], entryId: materials[0]!.entryId }));
    await must(call('cases.accept', { intakeId, applicant: person(), target, materials }));

    // An intake submitted without any pages: a page arriving later for it belongs to nothing.
    const bare = randomUUID();
    await must(call('cases.accept', { intakeId: bare, applicant: person(), target, materials }));
    expect(await reasonOf(call('scans.import', { intakeId: bare, source: 'file', fileName: 'late.png', dataBase64: await png() }))).toBe('batch_closed');

    // The PDF a waiting command will upload is kept by the orphan job even if no other row named it.
    const [command] = pendingCommands(ctx.store.db).filter((c) => c.blobs.length > 0);
    const pdfHash = command!.blobs[0]!;
    ctx.store.db.prepare('DELETE FROM case_scans').run();
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(ctx.blobs.pathOf(pdfHash), old, old);
    collectScanOrphans(ctx.store.db, ctx.blobs);
    expect(ctx.blobs.has(pdfHash)).toBe(true);
  });
});

describe('crash recovery and the orphan job', () => {
  it('after the app is reopened, an unsubmitted batch is offered with its pages; discarding it journals and frees the files', async () => {
    const { ctx, call } = await signedInTerminal();
    const intakeId = randomUUID();
    for (const n of ['1', '2']) await must(call('scans.import', { intakeId, source: 'file', fileName: `${n}.png`, dataBase64: await png(300, 420, n) }));
    const before = await pagesOf(call, intakeId);
    ctx.store.close();

    const again = createAppContext({ dataDir: ctx.dataDir });
    const { dispatch } = await import('./dispatch.js');
    const call2: Call = (name, input) => dispatch(again, { door: 'host' }, name, input) as never;
    await must(call2('auth.signIn', { login: 'wang', password: 'clerk-pass-1' }));
    const open = await must(call2('scans.openBatches', {}));
    expect(open.batches.map((b) => [b.intakeId, b.pages, b.staff])).toEqual([[intakeId, 2, 'wang']]);
    expect((await pagesOf(call2, intakeId)).map((p) => p.sha256)).toEqual(before.map((p) => p.sha256));

    expect(await must(call2('scans.discard', { intakeId }))).toEqual({ discarded: 2 });
    expect((await must(call2('scans.openBatches', {}))).batches).toEqual([]);
    // Young orphans are spared (a row may be about to point at them); old ones go.
    expect(collectScanOrphans(again.store.db, again.blobs).blobs).toBe(0);
    for (const p of before) {
      const path = again.blobs.pathOf(p.sha256);
      utimesSync(path, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    }
    expect(collectScanOrphans(again.store.db, again.blobs).blobs).toBe(2);
    for (const p of before) expect(existsSync(again.blobs.pathOf(p.sha256))).toBe(false);
    again.store.close();
  });
});
