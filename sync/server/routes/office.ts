import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseCatalog } from '../../../core/catalog/schema.js';
import { caseListQuerySchema, listCases, moveCase, statusMoveSchema, withdrawCase } from '../cases.js';
import { publishCatalog } from '../catalogs.js';
import { HttpError, parseOr400 } from '../errors.js';
import { authenticateOffice } from '../office-auth.js';
import { createEnrollmentCode, listTerminals, revokeTerminal } from '../terminals.js';
import { blobRoutes } from './blobs.js';
import type { Central } from './context.js';

const enrollmentSchema = z.strictObject({
  terminalCode: z.string().trim().min(1).max(32),
  windowNo: z.string().trim().max(20).nullish(),
  hall: z.string().trim().max(100).nullish(),
  district: z.string().trim().max(100).nullish(),
  validDays: z.number().int().min(1).max(90).optional(),
});

const callers = new WeakMap<FastifyRequest, string>();
const callerOf = (request: FastifyRequest): string => callers.get(request) ?? 'office';

/** The back-office API under /office (sync/README.md, "Back office"), behind an office token. */
export async function officeRoutes(office: FastifyInstance, central: Central): Promise<void> {
  const { db, clock, hub, blobs } = central;
  office.addHook('onRequest', async (request) => {
    callers.set(request, await authenticateOffice(db, request.headers.authorization, central.officeToken, clock.nowIso()));
  });

  office.get('/cases', async (request) => ({ cases: await listCases(db, parseOr400(caseListQuerySchema, request.query, 'query')) }));

  office.post('/cases/:caseNo/status', async (request) => {
    const { caseNo } = request.params as { caseNo: string };
    const move = parseOr400(statusMoveSchema, request.body);
    const { data, written } = await moveCase(db, blobs, clock, caseNo, move, callerOf(request));
    hub.poke(written);
    return data;
  });

  office.delete('/cases/:caseNo', async (request) => {
    const { caseNo } = request.params as { caseNo: string };
    hub.poke(await withdrawCase(db, caseNo));
    return { caseNo, withdrawn: true };
  });

  office.post('/catalog', async (request) => {
    const parsed = parseCatalog(request.body);
    if (!parsed.ok) throw new HttpError(400, 'invalid_request', `the catalog has ${parsed.errors.length} error(s): ${parsed.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`, { issues: parsed.errors });
    const { id, sha256, written } = await db.transaction((tx) => publishCatalog(tx, parsed.catalog, callerOf(request), clock.nowIso()));
    hub.poke(written);
    return { id, catalogVersion: parsed.catalog.catalogVersion, sha256, seq: written?.seq ?? null };
  });

  office.post('/enrollments', async (request) => createEnrollmentCode(db, clock, parseOr400(enrollmentSchema, request.body)));

  office.get('/terminals', async () => ({ terminals: await listTerminals(db) }));

  office.post('/terminals/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    const { revokedAt, written } = await revokeTerminal(db, clock, id);
    hub.poke(written);
    hub.disconnect(id);
    return { terminalId: id, revokedAt };
  });

  // Result documents are uploaded like scans, before the step that names them.
  await office.register(async (scope) => blobRoutes(scope, central, () => null), { prefix: '/blobs' });
}
