import type { FastifyInstance } from 'fastify';
import { sha256Hex, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER } from '../../protocol/index.js';
import { HttpError, invalidRequest } from '../errors.js';
import type { Central } from './context.js';

function hashParam(params: unknown): string {
  const r = sha256Hex.safeParse((params as { sha256?: unknown }).sha256);
  if (!r.success) throw new HttpError(404, 'not_found', 'a blob is named by its SHA-256 in lowercase hex');
  return r.data;
}

function byteHeader(value: string | string[] | undefined, name: string): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text)) throw invalidRequest(`header ${name} must be a non-negative integer`);
  return Number(text);
}

/**
 * HEAD/PUT/GET `<prefix>/:sha256`: the resumable, verified, deduplicated upload of
 * sync/protocol/messages.ts ("Blobs"), and the download. Registered for terminals under /v1/blobs and
 * for the back office (result documents) under /office/blobs, each behind its own authentication.
 */
export async function blobRoutes(scope: FastifyInstance, central: Central): Promise<void> {
  const { blobs, blobChunkLimit } = central;
  // Chunks are raw bytes, held in memory up to the chunk limit (the JSON limit does not apply here).
  scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: blobChunkLimit }, (_req, body, done) => done(null, body));

  scope.head('/:sha256', async (request, reply) => {
    const sha = hashParam(request.params);
    const size = await blobs.size(sha);
    if (size !== null) {
      return reply.code(200).header(UPLOAD_OFFSET_HEADER, String(size)).header(UPLOAD_LENGTH_HEADER, String(size)).header('content-length', String(size)).send();
    }
    const held = await blobs.partial(sha);
    reply.code(404).header(UPLOAD_OFFSET_HEADER, String(held.offset));
    if (held.length !== null) reply.header(UPLOAD_LENGTH_HEADER, String(held.length));
    return reply.send();
  });

  scope.put('/:sha256', { bodyLimit: blobChunkLimit }, async (request, reply) => {
    const sha = hashParam(request.params);
    const existing = await blobs.size(sha);
    if (existing !== null) return reply.code(200).send({ sha256: sha, size: existing, complete: true });
    const offset = byteHeader(request.headers[UPLOAD_OFFSET_HEADER], UPLOAD_OFFSET_HEADER);
    const length = byteHeader(request.headers[UPLOAD_LENGTH_HEADER], UPLOAD_LENGTH_HEADER);
    const chunk = request.body ?? Buffer.alloc(0);
    if (!Buffer.isBuffer(chunk)) throw invalidRequest('send the chunk as content-type: application/octet-stream');
    const r = await blobs.putChunk(sha, offset, length, chunk);
    if (r.state === 'partial') return reply.code(204).header(UPLOAD_OFFSET_HEADER, String(r.offset)).send();
    return reply.code(r.created ? 201 : 200).send({ sha256: sha, size: r.size, complete: true });
  });

  scope.get('/:sha256', { exposeHeadRoute: false }, async (request, reply) => {
    const sha = hashParam(request.params);
    const size = await blobs.size(sha);
    if (size === null) throw new HttpError(404, 'not_found', `no blob ${sha}`);
    return reply.header('content-type', 'application/octet-stream').header('content-length', String(size)).header('cache-control', 'private, max-age=31536000, immutable').send(blobs.openRead(sha));
  });
}
