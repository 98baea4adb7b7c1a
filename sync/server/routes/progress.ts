import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOr400 } from '../errors.js';
import { PROGRESS_CSP, PROGRESS_PAGE } from '../progress-page.js';
import { progressOf } from '../progress.js';
import type { Central } from './context.js';

const lookupSchema = z.strictObject({ payload: z.string().max(2000) });

/** The public progress page and its one lookup (no credential: the QR code's signature is the proof). */
export async function progressRoutes(progress: FastifyInstance, central: Central): Promise<void> {
  progress.get('/', async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PROGRESS_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(PROGRESS_PAGE),
  );
  progress.post('/lookup', async (request, reply) => {
    const { payload } = parseOr400(lookupSchema, request.body);
    reply.header('cache-control', 'no-store');
    return progressOf(central.db, payload);
  });
}
