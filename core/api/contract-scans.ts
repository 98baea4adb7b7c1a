import { z } from 'zod';
import { SCAN_MODES, SCAN_SOURCES } from '../scanning/scanner.js';
import type { HandlerSpec } from './contract-common.js';

/**
 * Scanning handlers (issue 5): devices and profiles, scanning and importing into the intake's batch,
 * page work (rotate, exclude, delete, reorder, assign to a material), and crash recovery.
 *
 * A batch is the set of pages scanned for one intake; its id is the intake's `intakeId` (made by the
 * counter when the intake starts). Pages are stored (content-addressed, fsynced) and their rows
 * committed as each page arrives, so a crash loses at most the page being scanned; `scans.openBatches`
 * lists batches whose intake was never submitted, and the counter continues one by starting an intake
 * with that id. Submitting the intake attaches the batch to the case and assembles one PDF per material.
 */
const driver = z.enum(['sane', 'escl', 'folder', 'file', 'camera']);
const intakeId = z.uuid();
/** Every driver kind the port knows (core/scanning/scanner.ts), including the Windows ones to come. */
const deviceDriver = z.enum(['sane', 'escl', 'folder', 'file', 'camera', 'wia', 'twain']);
const device = z.object({ driver: deviceDriver, id: z.string(), vendor: z.string(), model: z.string(), type: z.string() });
const resolutions = z.union([
  z.object({ kind: z.literal('list'), values: z.array(z.number().int()) }),
  z.object({ kind: z.literal('range'), min: z.number().int(), max: z.number().int(), step: z.number().int() }),
]);
/** Drivers a clerk scans with from the panel (file import and the camera have handlers of their own). */
const scanDriver = z.enum(['sane', 'escl', 'folder']);
export const scanProfileSchema = z.strictObject({
  driver: scanDriver,
  device: z.string().min(1).max(500),
  resolution: z.number().int().min(50).max(1200),
  mode: z.enum(SCAN_MODES),
  source: z.enum(SCAN_SOURCES),
});
export const scanPageSchema = z.object({
  id: z.number().int(),
  pos: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().int(),
  bytes: z.number().int(),
  source: driver,
  sourceName: z.string().nullable().describe('The imported file name, cleaned for display.'),
  blank: z.boolean().describe('Detected blank; blank pages start excluded.'),
  excluded: z.boolean().describe('Left out of the material; recoverable until the intake is submitted.'),
  deleted: z.boolean().describe('Deleted by the clerk; recoverable until the intake is submitted.'),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).describe('Clockwise, from the page as scanned.'),
  entryId: z.string().nullable().describe('The checklist material the page is assigned to.'),
  createdAt: z.string(),
});
export type ScanPage = z.output<typeof scanPageSchema>;
const batchResult = z.object({ intakeId: z.string(), pages: z.array(scanPageSchema) });

export const scanContract = {
  'scans.devices': {
    access: 'clerk',
    summary: 'Scanners every configured driver can reach (SANE, eSCL URLs and watched folders from settings). Slow (seconds) on a cold list; cached unless refresh.',
    input: z.strictObject({ refresh: z.boolean().default(false) }),
    result: z.object({
      devices: z.array(device),
      problems: z.array(z.object({ driver: deviceDriver, reason: z.string(), message: z.string() })).describe('Drivers that could not list (e.g. scanimage not installed).'),
    }),
  },
  'scans.capabilities': {
    access: 'clerk',
    summary: 'What a device offers: resolutions, modes, sources.',
    input: z.strictObject({ driver: scanDriver, device: z.string().min(1).max(500) }),
    result: z.object({
      resolutions: resolutions.nullable(),
      modes: z.array(z.enum(SCAN_MODES)),
      sources: z.array(z.enum(SCAN_SOURCES)),
      defaults: z.object({ resolution: z.number().optional(), mode: z.enum(SCAN_MODES).optional(), source: z.enum(SCAN_SOURCES).optional() }),
    }),
  },
  'scans.profile': {
    access: 'clerk',
    summary: "This terminal's saved scan profile (device and settings), or null.",
    input: z.strictObject({}),
    result: scanProfileSchema.nullable(),
  },
  'settings.setScanProfile': {
    access: 'clerk',
    summary: 'Saves the scan profile for this terminal.',
    input: scanProfileSchema,
    result: scanProfileSchema,
  },
  'settings.scanSources': {
    access: 'admin',
    summary: 'The network scanners (eSCL base URLs) and watched folders set for this terminal.',
    input: z.strictObject({}),
    result: z.object({ esclUrls: z.array(z.string()), watchFolders: z.array(z.string()) }),
  },
  'settings.setScanSources': {
    access: 'admin',
    summary: 'Network scanners (eSCL base URLs) and watched folders this terminal offers besides SANE. Journaled.',
    input: z.strictObject({
      esclUrls: z.array(z.url({ protocol: /^https?$/ }).max(500)).max(20),
      watchFolders: z.array(z.string().min(1).max(1000).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path')).max(20),
    }),
    result: z.object({ esclUrls: z.array(z.string()), watchFolders: z.array(z.string()) }),
  },
  'scans.batch': {
    access: 'clerk',
    summary: "The pages of an intake's batch, in order (deleted ones included, flagged).",
    input: z.strictObject({ intakeId }),
    result: batchResult,
  },
  'scans.openBatches': {
    access: 'clerk',
    summary: 'Batches whose intake was never submitted (an app crash, a closed window): what the counter can continue or discard.',
    input: z.strictObject({}),
    result: z.object({
      batches: z.array(z.object({ intakeId: z.string(), createdAt: z.string(), updatedAt: z.string(), staff: z.string(), pages: z.number().int() })),
    }),
  },
  'scans.scan': {
    access: 'clerk',
    summary: 'Scans into the batch until the page (flatbed) or the feeder is done (a watched folder: until no new file came for 15 s). Pages are stored as they arrive (events scans.page, scans.progress); on a failure the pages before it stay.',
    input: z.strictObject({
      intakeId,
      driver: scanDriver,
      device: z.string().min(1).max(500),
      resolution: z.number().int().min(50).max(1200),
      mode: z.enum(SCAN_MODES),
      source: z.enum(SCAN_SOURCES),
      maxPages: z.number().int().min(1).max(500).optional(),
    }),
    result: z.object({ added: z.number().int(), ended: z.enum(['complete', 'cancelled']) }),
  },
  'scans.cancel': {
    access: 'clerk',
    summary: "Stops the batch's scan in progress; pages already stored stay.",
    input: z.strictObject({ intakeId }),
    result: z.object({ cancelled: z.boolean() }),
  },
  'scans.import': {
    access: 'clerk',
    summary: 'Adds a file (JPEG, PNG, TIFF, WebP, or a PDF of up to 100 pages) or a document-camera frame to the batch. All pages or none.',
    input: z.strictObject({
      intakeId,
      source: z.enum(['file', 'camera']),
      fileName: z.string().max(1000),
      dataBase64: z.string().max(90_000_000).describe('The file, base64; at most 64 MB decoded.'),
    }),
    result: z.object({ added: z.number().int() }),
  },
  'scans.updatePage': {
    access: 'clerk',
    summary: 'Rotates (by 90° steps, clockwise), excludes or includes, deletes or restores a page, or assigns it to a material (null: none).',
    input: z.strictObject({
      pageId: z.number().int(),
      rotate: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(),
      excluded: z.boolean().optional(),
      deleted: z.boolean().optional(),
      entryId: z.string().min(1).max(200).nullable().optional(),
    }),
    result: scanPageSchema,
  },
  'scans.assign': {
    access: 'clerk',
    summary: 'Assigns several pages to one material at once (null: none).',
    input: z.strictObject({ intakeId, pageIds: z.array(z.number().int()).min(1).max(1000), entryId: z.string().min(1).max(200).nullable() }),
    result: batchResult,
  },
  'scans.reorder': {
    access: 'clerk',
    summary: "Puts the batch's pages in the given order (every page of the batch, once).",
    input: z.strictObject({ intakeId, pageIds: z.array(z.number().int()).max(5000) }),
    result: batchResult,
  },
  'scans.discard': {
    access: 'clerk',
    summary: 'Throws away a batch that was never submitted, with its pages. Journaled.',
    input: z.strictObject({ intakeId }),
    result: z.object({ discarded: z.number().int() }),
  },
  'scans.image': {
    access: 'clerk',
    summary: "A page's image: the 240 px thumbnail or the stored JPEG, base64.",
    input: z.strictObject({ pageId: z.number().int(), size: z.enum(['thumbnail', 'full']).default('thumbnail') }),
    result: z.object({ mime: z.literal('image/jpeg'), dataBase64: z.string() }),
  },
} as const satisfies Record<string, HandlerSpec>;

export const scanEventSchemas = {
  'scans.progress': z.object({ intakeId: z.string(), index: z.number().int(), percent: z.number() }),
  'scans.page': z.object({ intakeId: z.string(), pageId: z.number().int() }),
  'scans.changed': z.object({ intakeId: z.string() }),
} as const;
