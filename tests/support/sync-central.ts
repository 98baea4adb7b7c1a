import { createHash } from 'node:crypto';
import type { Catalog } from '../../core/catalog/schema.js';
import { publishCatalog } from '../../sync/server/catalogs.js';
import type { Db } from '../../sync/server/db/types.js';
import { BACKENDS } from '../../sync/server/testing/backends.js';
import { call } from '../../sync/server/testing/harness.js';
import { startCentral } from './sync-scenario.js';

/**
 * The real central service (sync/server's Fastify app over PGlite, on 127.0.0.1) for a browser test
 * of the terminal's sync screens: the fault scenario's restartable service (sync-scenario.ts) on a
 * database of its own, with the back office's calls at hand.
 */
export interface CentralService {
  readonly url: string;
  readonly db: Db;
  readonly officeLabel: string;
  readonly running: boolean;
  /** Stops listening: event streams are cut, the database stays. */
  stop(): Promise<void>;
  /** Listens again on the same port, over the same database and blobs. */
  start(): Promise<void>;
  /** Stops, closes the database, removes the blob folder. */
  close(): Promise<void>;
  office<T = Record<string, unknown>>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }>;
  /** IT's one-time code for a window (POST /office/enrollments). */
  enrollmentCode(terminalCode: string, where?: { windowNo?: string; hall?: string; district?: string }): Promise<string>;
  /** Uploads a result document (PUT /office/blobs/<sha256>) and returns its hash. */
  uploadDocument(bytes: Buffer): Promise<string>;
  /** Publishes a catalog straight into the database (the office's act while this service is down). */
  publishWhileDown(catalog: Catalog): Promise<void>;
}

export async function startCentralService(officeLabel = 'sync browser test'): Promise<CentralService> {
  const pglite = BACKENDS.find((b) => b.name === 'pglite');
  if (!pglite) throw new Error('no PGlite backend');
  const db = await pglite.open();
  const central = await startCentral(db, officeLabel);
  const clock = { nowIso: () => new Date().toISOString() };
  return {
    get url() {
      return central.url;
    },
    db,
    officeLabel,
    get running() {
      return central.running;
    },
    stop: () => central.stop(),
    start: () => central.start(),
    async close() {
      await central.close();
      await db.close();
    },
    office: (method, path, json) => central.office(method, path, json),
    async enrollmentCode(terminalCode, where = {}) {
      const r = await central.office<{ code: string }>('POST', '/office/enrollments', { terminalCode, ...where });
      if (r.status !== 200) throw new Error(`enrollment code: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.code;
    },
    async uploadDocument(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const r = await call(central.url, 'PUT', `/office/blobs/${sha}`, {
        token: central.officeToken,
        body: new Uint8Array(bytes),
        headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(bytes.length) },
      });
      if (r.status !== 201 && r.status !== 200) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
      return sha;
    },
    async publishWhileDown(catalog) {
      await db.transaction((tx) => publishCatalog(tx, catalog, officeLabel, clock.nowIso()));
    },
  };
}
