import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../../core/ports.js';
import { BLOB_CHUNK_BYTES, API_PREFIX } from '../protocol/index.js';
import { BlobStore } from './blobs.js';
import { CatalogBook } from './catalogs.js';
import type { Db } from './db/types.js';
import { installErrorHandling } from './errors.js';
import type { CentralLogger } from './logging.js';
import { PokeHub } from './events.js';
import { assertStrongOfficeToken } from './office-auth.js';
import { OFFICE_CSP, OFFICE_PAGE } from './office-page.js';
import type { Central } from './routes/context.js';
import { officeRoutes } from './routes/office.js';
import { terminalRoutes } from './routes/terminal.js';
import { revokedAmong } from './terminals.js';

export interface ServerOptions {
  /** An open, migrated database (db/open.ts). The server does not close it. */
  db: Db;
  /** Folder of the blob store. */
  blobsDir: string;
  /** An office token accepted besides the stored ones (`OW_OFFICE_TOKEN`). */
  officeToken?: string | undefined;
  clock?: Clock;
  /** Largest JSON body; a push of 500 intakes is ~1 MB. */
  bodyLimit?: number;
  /** Largest blob chunk per PUT (the protocol's chunks are BLOB_CHUNK_BYTES). */
  blobChunkLimit?: number;
  /** Bytes of blobs one terminal code may hold here (DEFAULT_BLOB_QUOTA_BYTES unless given). */
  blobQuotaBytes?: number;
  /** Heartbeat of event streams (tests shorten it). */
  heartbeatMs?: number;
  /**
   * The logger (logging.ts: its policy keeps SQL parameters, bodies and personal data out); none
   * unless given. Not Fastify's own options: its default error serializer copies every property of
   * an error, and a database error's properties are the statement's parameters.
   */
  log?: CentralLogger;
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
/**
 * 50 GiB per terminal code: a busy window's scans (200 cases a day, ~1 MB of PDFs each) for about
 * eight months, kept so one terminal (a loop, a misconfigured scanner) cannot fill the centre's disk.
 */
export const DEFAULT_BLOB_QUOTA_BYTES = 50 * 1024 ** 3;
/** How often unfinished uploads are swept (those untouched for a day go). */
const SWEEP_EVERY_MS = 3_600_000;

const centrals = new WeakMap<FastifyInstance, Central>();
/** The server's shared parts (poke hub, blob store), for tests and the bench to look inside. */
export function centralOf(app: FastifyInstance): Central {
  const c = centrals.get(app);
  if (!c) throw new Error('not a central server');
  return c;
}

/** The central service as a Fastify app, not yet listening. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  // Before anything is opened: a weak OW_OFFICE_TOKEN stops the start with a message saying why.
  assertStrongOfficeToken(opts.officeToken);
  const clock = opts.clock ?? systemClock;
  const blobs = new BlobStore(opts.blobsDir, opts.db, clock);
  await blobs.init();
  const hub = new PokeHub({ revoked: (ids) => revokedAmong(opts.db, ids), ...(opts.heartbeatMs === undefined ? {} : { heartbeatMs: opts.heartbeatMs }) });
  const central: Central = {
    db: opts.db,
    clock,
    blobs,
    catalogs: new CatalogBook(),
    hub,
    officeToken: opts.officeToken || undefined,
    blobChunkLimit: opts.blobChunkLimit ?? 2 * BLOB_CHUNK_BYTES,
    blobQuotaBytes: opts.blobQuotaBytes ?? DEFAULT_BLOB_QUOTA_BYTES,
  };

  const loggerInstance: FastifyBaseLogger | undefined = opts.log;
  const app = Fastify({ ...(loggerInstance ? { loggerInstance } : { logger: false }), bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT });
  centrals.set(app, central);
  installErrorHandling(app);
  // Open event streams would hold close() forever: end them first (clients reconnect elsewhere).
  app.addHook('preClose', async () => hub.closeAll());
  const sweeping = setInterval(() => void blobs.sweep().catch((err: unknown) => app.log.warn({ err }, 'sweeping unfinished uploads failed')), SWEEP_EVERY_MS);
  sweeping.unref();
  app.addHook('onClose', async () => clearInterval(sweeping));

  app.get('/office', async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', OFFICE_CSP)
      .header('x-content-type-options', 'nosniff')
      .send(OFFICE_PAGE),
  );
  await app.register(async (v1) => terminalRoutes(v1, central), { prefix: API_PREFIX });
  await app.register(async (office) => officeRoutes(office, central), { prefix: '/office' });
  return app;
}
