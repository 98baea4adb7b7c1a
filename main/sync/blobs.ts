import { BLOB_CHUNK_BYTES } from '../../sync/protocol/index.js';
import { SyncFailure } from './failure.js';
import type { CentralApi } from './http.js';

/** Where the bytes come from: the terminal's BlobStore (main/blobs/store.ts), which verifies on read. */
export interface BlobSource {
  has(sha256: string): boolean;
  get(sha256: string): Buffer;
  /** Makes a missing or damaged blob whole again, if it can (a material PDF from its page images); true when it did. */
  repair?(sha256: string): Promise<boolean>;
}

/** Retries of one blob within one attempt, beyond its chunks (a moved offset, a corrupt transfer). */
const OFFSET_FIXES = 3;
const MISMATCH_RETRIES = 2;

/**
 * Puts blobs on the central service before the commands that name them: HEAD, then PUT in chunks
 * from wherever the server's copy ends (resumable across attempts and restarts: the server keeps the
 * fsynced part). Blobs are immutable, so once the server has one this client never asks again.
 */
export class BlobUploader {
  private readonly onServer = new Set<string>();

  constructor(
    private readonly api: CentralApi,
    private readonly source: BlobSource,
    private readonly chunkBytes = BLOB_CHUNK_BYTES,
  ) {}

  /** Makes sure the server holds every one of `hashes`; `recheck` ignores what this client believes is there. Returns bytes sent. */
  async ensure(hashes: Iterable<string>, signal: AbortSignal, recheck = false): Promise<number> {
    let sent = 0;
    for (const hash of new Set(hashes)) {
      if (!recheck && this.onServer.has(hash)) continue;
      sent += await this.upload(hash, signal);
      this.onServer.add(hash);
    }
    return sent;
  }

  /** Forgets what it believed the server holds (the server said otherwise). */
  forget(hash: string): void {
    this.onServer.delete(hash);
  }

  /** The bytes, made again where the source can (repair) when they are missing or damaged; else a person must decide. */
  private async read(hash: string): Promise<Buffer> {
    const attempt = (): Buffer | Error => {
      if (!this.source.has(hash)) return new Error("it is not on this terminal's disk");
      try {
        return this.source.get(hash);
      } catch (err) {
        return err as Error;
      }
    };
    let got = attempt();
    if (got instanceof Error && this.source.repair && (await this.source.repair(hash))) got = attempt();
    if (got instanceof Error) {
      throw new SyncFailure('blob_unavailable', `blob ${hash}, which a waiting command needs on the server, cannot be read (${got.message}) nor made again; a supervisor may send the case without it`, 'attention', null, { sha256: hash });
    }
    return got;
  }

  private async upload(hash: string, signal: AbortSignal): Promise<number> {
    const head = await this.api.headBlob(hash, signal);
    if (head.complete) return 0;
    const bytes = await this.read(hash);
    let offset = head.offset <= bytes.byteLength ? head.offset : 0;
    let sent = 0;
    let fixes = 0;
    let mismatches = 0;
    const maxRounds = Math.ceil(bytes.byteLength / this.chunkBytes) + 1 + OFFSET_FIXES + MISMATCH_RETRIES * (Math.ceil(bytes.byteLength / this.chunkBytes) + 1);
    for (let round = 0; round < maxRounds; round += 1) {
      const chunk = bytes.subarray(offset, offset + this.chunkBytes);
      let state;
      try {
        state = await this.api.putChunk(hash, offset, bytes.byteLength, chunk, signal);
      } catch (err) {
        if (!(err instanceof SyncFailure)) throw err;
        if (err.code === 'blob_offset') {
          if (fixes >= OFFSET_FIXES) throw new SyncFailure('blob_offset', err.message, 'retry', err.httpStatus, err.details);
          // Another attempt (or an answer lost on the way) moved the server's copy on: go on from there.
          fixes += 1;
          const at = err.details.offset;
          offset = typeof at === 'number' && at >= 0 && at <= bytes.byteLength ? at : (await this.api.headBlob(hash, signal)).offset;
          continue;
        }
        if (err.code === 'blob_mismatch') {
          // The server hashed what arrived and it was not these bytes. Our bytes were checked against
          // their name when read, so they were damaged on the way: the server forgot the upload; send it
          // whole again, a few times now and then again after a backoff (a transport problem, not a person's).
          if (mismatches >= MISMATCH_RETRIES) throw new SyncFailure('blob_mismatch', `blob ${hash} arrived damaged ${mismatches + 1} times in a row: ${err.message}`, 'retry', err.httpStatus, { sha256: hash });
          mismatches += 1;
          offset = 0;
          continue;
        }
        throw err;
      }
      sent += chunk.byteLength;
      if (state.complete) return sent;
      if (state.offset <= offset) throw new SyncFailure('blob_refused', `the server did not take a chunk of blob ${hash} at ${offset}`, 'retry', null, { sha256: hash });
      offset = state.offset;
    }
    throw new SyncFailure('blob_refused', `blob ${hash} did not complete after ${maxRounds} chunks`, 'retry', null, { sha256: hash });
  }
}
