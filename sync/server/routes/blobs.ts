import type { FastifyInstance, FastifyRequest } from 'fastify';
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
 * `terminalOf` names the terminal code of a terminal's request (null: the back office, which reads
 * everything and has no quota). A terminal reads only the blobs it sent and its cases' result
 * documents; one it did not send is "not here" to it (so it learns nothing of another's), and it
 * proves it holds those bytes by uploading them, within its quota (507 `blob_quota_exceeded`).
 */
export async function blobRoutes(scope: FastifyInstance, central: Central, terminalOf: (request: FastifyRequest) => string | null): Promise<void> {
  const { blobs, blobChunkLimit, blobQuotaBytes } = central;
  // Chunks are raw bytes, held in memory up to the chunk limit (the JSON limit does not apply here).
  scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: blobChunkLimit }, (_req, body, done) => done(null, body));

  /** The blob's size when this caller may see it complete, else null. */
  const visibleSize = async (request: FastifyRequest, sha: string): Promise<number | null> => {
    const size = await blobs.size(sha);
    if (size === null) return null;
    const code = terminalOf(request);
    return code === null || (await blobs.readableBy(code, sha)) ? size : null;
  };

  scope.head('/:sha256', async (request, reply) => {
    const sha = hashParam(request.params);
    const size = await visibleSize(request, sha);
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
    const code = terminalOf(request);
    const existing = await blobs.size(sha);
    const owned = existing !== null && (code === null || (await blobs.missingFor(code, [sha])).size === 0);
    if (existing !== null && owned) return reply.code(200).send({ sha256: sha, size: existing, complete: true });
    const offset = byteHeader(request.headers[UPLOAD_OFFSET_HEADER], UPLOAD_OFFSET_HEADER);
    const length = byteHeader(request.headers[UPLOAD_LENGTH_HEADER], UPLOAD_LENGTH_HEADER);
    const chunk = request.body ?? Buffer.alloc(0);
    if (!Buffer.isBuffer(chunk)) throw invalidRequest('send the chunk as content-type: application/octet-stream');
    if (code !== null && offset === 0) {
      const used = await blobs.usedBy(code);
      if (used + length > blobQuotaBytes) {
        throw new HttpError(507, 'blob_quota_exceeded', `terminal ${code} holds ${used} bytes of blobs at the centre; ${length} more would pass its quota of ${blobQuotaBytes}; IT must raise it`, { quotaBytes: blobQuotaBytes, usedBytes: used });
      }
    }
    const r = await blobs.putChunk(sha, offset, length, chunk, existing !== null);
    if (r.state === 'partial') return reply.code(204).header(UPLOAD_OFFSET_HEADER, String(r.offset)).send();
    if (code !== null) await blobs.own(code, sha, r.size);
    return reply.code(r.created ? 201 : 200).send({ sha256: sha, size: r.size, complete: true });
  });

  scope.get('/:sha256', { exposeHeadRoute: false }, async (request, reply) => {
    const sha = hashParam(request.params);
    const size = await visibleSize(request, sha);
    if (size === null) throw new HttpError(404, 'not_found', `no blob ${sha}`);
    return reply.header('content-type', 'application/octet-stream').header('content-length', String(size)).header('cache-control', 'private, max-age=31536000, immutable').send(blobs.openRead(sha));
  });
}
