import { scanProfileSchema } from '../../core/api/contract-scans.js';
import { DomainError } from '../../core/result.js';
import { isScanError, PageError } from '../../core/scanning/errors.js';
import { appendAudit } from '../db/audit.js';
import { getSetting, setSetting } from '../db/settings.js';
import { addPages, assertBatchOpen, assignPages, discardBatch, listPages, openBatches, pageRow, reorderPages, updatePage, type NewPage } from '../scanning/batches.js';
import { displayName } from '../scanning/file-import.js';
import { preparePage, type Rotation } from '../scanning/pages.js';
import { isPdf, PDF_RASTER_DPI, rasterizePdf } from '../scanning/pdf-import.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

/** What one import over the handler door may carry (base64 in JSON): a phone photo is 5–15 MB, a scanned PDF 1–30 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

function batchOf(ctx: HandlerContext, intakeId: string): { intakeId: string; pages: ReturnType<typeof listPages> } {
  return { intakeId, pages: listPages(ctx.store.db, intakeId) };
}

function decodeImport(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new PageError('image_too_large', `The file has ${bytes.byteLength} bytes; at most ${MAX_IMPORT_BYTES} are accepted here.`, 'dataBase64');
  if (bytes.byteLength === 0) throw new PageError('image_empty', 'The file is empty (0 bytes).', 'dataBase64');
  return bytes;
}

export const scanHandlers = {
  'scans.devices': async ({ refresh }, ctx) => ctx.scanners.devices(refresh),

  'scans.capabilities': async ({ driver, device }, ctx) => {
    const caps = await ctx.scanners.driver(driver).options(device);
    return { resolutions: caps.resolutions, modes: caps.modes, sources: caps.sources, defaults: caps.defaults };
  },

  'scans.profile': (_input, ctx) => {
    const raw = getSetting(ctx.store.db, 'scan_profile');
    if (!raw) return null;
    const parsed = scanProfileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  },

  'settings.setScanProfile': (profile, ctx) => {
    const { db } = ctx.store;
    db.transaction(() => {
      setSetting(db, 'scan_profile', JSON.stringify(profile));
      appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'settings.scan_profile', details: profile });
    })();
    ctx.events.emit('settings.changed', { key: 'scan_profile' });
    return profile;
  },

  'settings.setScanSources': ({ esclUrls, watchFolders }, ctx) => {
    const { db } = ctx.store;
    db.transaction(() => {
      setSetting(db, 'scan_escl_urls', JSON.stringify(esclUrls));
      setSetting(db, 'scan_watch_folders', JSON.stringify(watchFolders));
      appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'settings.scan_sources', details: { esclUrls, watchFolders } });
    })();
    ctx.events.emit('settings.changed', { key: 'scan_sources' });
    return { esclUrls, watchFolders };
  },

  'scans.batch': ({ intakeId }, ctx) => batchOf(ctx, intakeId),

  'scans.openBatches': (_input, ctx) => ({ batches: openBatches(ctx.store.db) }),

  'scans.scan': async (input, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    assertBatchOpen(db, input.intakeId);
    const run = ctx.scanners.begin(input.intakeId);
    let added = 0;
    try {
      const session = ctx.scanners.driver(input.driver).scan(input.device, { resolution: input.resolution, mode: input.mode, source: input.source, ...(input.maxPages ? { maxPages: input.maxPages } : {}) }, run.signal);
      for await (const ev of session) {
        if (ev.type === 'progress') {
          ctx.events.emit('scans.progress', { intakeId: input.intakeId, index: ev.index, percent: ev.percent });
          continue;
        }
        const prepared = await preparePage(ev.page.bytes, { dpi: ev.page.dpi });
        // Cancelled while this page was being prepared: it is not stored (the clerk saw the scan stop).
        if (run.signal.aborted) return { added, ended: 'cancelled' as const };
        // Each page is stored and committed as it arrives: a crash or a jam later keeps it.
        const [pageId] = addPages(db, ctx.blobs, { intakeId: input.intakeId, staffId: staff.id, now: ctx.clock.nowIso(), pages: [{ prepared, dpi: ev.page.dpi, source: input.driver, sourceName: null }] });
        added += 1;
        if (pageId !== undefined) ctx.events.emit('scans.page', { intakeId: input.intakeId, pageId });
      }
      return { added, ended: 'complete' as const };
    } catch (err) {
      if (isScanError(err) && err.reason === 'cancelled') return { added, ended: 'cancelled' as const };
      throw err;
    } finally {
      run.end();
      ctx.events.emit('scans.changed', { intakeId: input.intakeId });
    }
  },

  'scans.cancel': ({ intakeId }, ctx) => ({ cancelled: ctx.scanners.cancel(intakeId) }),

  'scans.import': async (input, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    assertBatchOpen(db, input.intakeId);
    const bytes = decodeImport(input.dataBase64);
    const name = displayName(input.fileName);
    // Submitting the intake waits for this (ScannerRegistry.isBusy): a PDF takes seconds to draw.
    const done = ctx.scanners.beginImport(input.intakeId);
    let ids: number[];
    try {
      const images = isPdf(bytes) ? await rasterizePdf(bytes) : [bytes];
      const dpi = isPdf(bytes) ? PDF_RASTER_DPI : 0;
      // All pages are prepared before any is stored: a bad page 7 of 10 attaches none of them.
      const pages: NewPage[] = [];
      for (const image of images) pages.push({ prepared: await preparePage(image, dpi ? { dpi } : {}), dpi, source: input.source, sourceName: name });
      ids = addPages(db, ctx.blobs, { intakeId: input.intakeId, staffId: staff.id, now: ctx.clock.nowIso(), pages });
    } finally {
      done();
    }
    ctx.events.emit('scans.changed', { intakeId: input.intakeId });
    return { added: ids.length };
  },

  'scans.updatePage': async (input, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    const row = pageRow(db, input.pageId);
    assertBatchOpen(db, row.intake_id);
    let rendition;
    if (input.rotate !== undefined) {
      const rotation = ((row.rotation + input.rotate) % 360) as Rotation;
      // From the page as first stored, and turned all the way back it IS that page again: no
      // generation loss however often the clerk turns it.
      const original = ctx.blobs.get(row.original_sha256);
      const prepared = await preparePage(original, { rotate: rotation, ...(row.dpi > 0 ? { dpi: row.dpi } : {}) });
      rendition = { rotation, prepared: rotation === 0 ? { ...prepared, jpeg: original } : prepared };
    }
    const page = updatePage(db, ctx.blobs, input.pageId, { excluded: input.excluded, deleted: input.deleted, entryId: input.entryId, rendition }, { staffId: staff.id, now: ctx.clock.nowIso() });
    ctx.events.emit('scans.changed', { intakeId: row.intake_id });
    return page;
  },

  'scans.assign': ({ intakeId, pageIds, entryId }, ctx) => {
    const staff = ctx.session.requireStaff();
    assignPages(ctx.store.db, { intakeId, pageIds, entryId, staffId: staff.id, now: ctx.clock.nowIso() });
    ctx.events.emit('scans.changed', { intakeId });
    return batchOf(ctx, intakeId);
  },

  'scans.reorder': ({ intakeId, pageIds }, ctx) => {
    const staff = ctx.session.requireStaff();
    reorderPages(ctx.store.db, { intakeId, pageIds, staffId: staff.id, now: ctx.clock.nowIso() });
    ctx.events.emit('scans.changed', { intakeId });
    return batchOf(ctx, intakeId);
  },

  'scans.discard': ({ intakeId }, ctx) => {
    const staff = ctx.session.requireStaff();
    const { db } = ctx.store;
    if (ctx.scanners.isBusy(intakeId)) throw new DomainError('conflict', 'cancel the scan first', 'intakeId', 'scan_in_progress');
    const discarded = db.transaction(() => {
      const n = discardBatch(db, intakeId);
      appendAudit(db, ctx.clock, { actor: staff.login, action: 'scans.discard', subject: intakeId, details: { pages: n } });
      return n;
    })();
    ctx.events.emit('scans.changed', { intakeId });
    return { discarded };
  },

  'scans.image': ({ pageId, size }, ctx) => {
    const row = pageRow(ctx.store.db, pageId);
    const bytes = ctx.blobs.get(size === 'full' ? row.sha256 : row.thumb_sha256);
    return { mime: 'image/jpeg' as const, dataBase64: bytes.toString('base64') };
  },
} satisfies Partial<HandlerImpls>;
