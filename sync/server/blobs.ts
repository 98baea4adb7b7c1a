import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../core/ports.js';
import { MAX_BLOB_BYTES } from '../protocol/index.js';
import type { Queryable } from './db/types.js';
import { HttpError, invalidRequest } from './errors.js';
import { PRIVATE_FILE_MODE, privateDir } from './private-files.js';

/** An upload left unfinished this long is swept (its terminal starts again at 0). */
export const PART_MAX_AGE_MS = 24 * 3_600_000;

export type ChunkResult = { state: 'complete'; created: boolean; size: number } | { state: 'partial'; offset: number };

/**
 * Content-addressed blobs (scanned pages, result documents) in a folder:
 * `blobs/<first 2 hex>/<sha256>` once complete and verified, `uploads/<sha256>.part` (+ `.length`)
 * while an upload is under way. A chunk is fsynced before it is acknowledged, so the offset a HEAD
 * reports is bytes that survive a crash; the whole is hashed before it becomes a blob, and a blob's
 * row in `blobs` is written only after its file is durable in place. Blobs are immutable and never
 * deleted here, so "is it there" can be cached. Uploads of one hash are serialised in this process.
 * `blob_owners` says which terminal codes sent (proved they hold) each blob: what they may read
 * back, what their commands may name, and what their quota counts.
 */
export class BlobStore {
  /** Complete blobs seen, with their sizes: they never change, so one look in the database is enough. */
  private readonly known = new Map<string, number>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  async init(): Promise<void> {
    // Scanned documents: the folders are the service's alone, and every file is made 0600.
    for (const d of [this.dir, join(this.dir, 'blobs'), join(this.dir, 'uploads')]) privateDir(d);
    await this.sweep();
  }

  /**
   * Removes what unfinished uploads left behind: whole-blob temp files of a process that died while
   * writing one (after an hour), and `.part` uploads (with their `.length`) not touched for
   * `partMaxAgeMs` (default a day): a terminal that comes back later starts that blob again at 0
   * (HEAD says so). Old ones only: another instance sharing this folder may be writing right now.
   */
  async sweep(nowMs = Date.now(), partMaxAgeMs = PART_MAX_AGE_MS): Promise<{ parts: number; temps: number }> {
    const uploads = join(this.dir, 'uploads');
    let parts = 0;
    let temps = 0;
    for (const name of await readdir(uploads)) {
      const limit = name.endsWith('.whole') ? 3_600_000 : name.endsWith('.part') || name.endsWith('.length') ? partMaxAgeMs : null;
      if (limit === null) continue;
      const age = nowMs - (await stat(join(uploads, name)).then((s) => s.mtimeMs, () => nowMs));
      if (age <= limit) continue;
      await rm(join(uploads, name), { force: true });
      if (name.endsWith('.part')) parts += 1;
      else if (name.endsWith('.whole')) temps += 1;
    }
    return { parts, temps };
  }

  /** Of `hashes`, those this terminal code has not sent (proved it holds) here: what a push of it must wait for. */
  async missingFor(terminalCode: string, hashes: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(hashes)];
    if (wanted.length === 0) return new Set();
    const rows = await this.db.query<{ sha256: string }>('SELECT sha256 FROM blob_owners WHERE terminal_code = $1 AND sha256 = ANY($2::text[])', [terminalCode, wanted]);
    const have = new Set(rows.map((r) => r.sha256));
    return new Set(wanted.filter((h) => !have.has(h)));
  }

  /** Whether this terminal code may read the blob: it sent it, or it is the result document of one of its cases. */
  async readableBy(terminalCode: string, sha: string): Promise<boolean> {
    const [row] = await this.db.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM blob_owners WHERE terminal_code = $1 AND sha256 = $2)
           OR EXISTS (SELECT 1 FROM cases WHERE terminal_code = $1 AND result_document->>'sha256' = $2) AS ok`,
      [terminalCode, sha],
    );
    return row?.ok === true;
  }

  /** Bytes of the blobs this terminal code sent (what its quota counts). */
  async usedBy(terminalCode: string): Promise<number> {
    const [row] = await this.db.query<{ n: number | null }>('SELECT sum(size) AS n FROM blob_owners WHERE terminal_code = $1', [terminalCode]);
    return Number(row?.n ?? 0);
  }

  /** Notes that this terminal code sent the (complete, verified) blob. */
  async own(terminalCode: string, sha: string, size: number): Promise<void> {
    await this.db.query('INSERT INTO blob_owners (sha256, terminal_code, size, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [sha, terminalCode, size, this.clock.nowIso()]);
  }

  pathOf(sha: string): string {
    return join(this.dir, 'blobs', sha.slice(0, 2), sha);
  }

  private partOf(sha: string): string {
    return join(this.dir, 'uploads', `${sha}.part`);
  }

  private lengthFileOf(sha: string): string {
    return join(this.dir, 'uploads', `${sha}.length`);
  }

  /** The hashes of `hashes` that are not complete blobs here. */
  async missing(hashes: readonly string[]): Promise<Set<string>> {
    const unknown = [...new Set(hashes)].filter((h) => !this.known.has(h));
    if (unknown.length === 0) return new Set();
    const rows = await this.db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM blobs WHERE sha256 = ANY($1::text[])', [unknown]);
    for (const r of rows) this.known.set(r.sha256, r.size);
    return new Set(unknown.filter((h) => !this.known.has(h)));
  }

  async size(sha: string): Promise<number | null> {
    const hit = this.known.get(sha);
    if (hit !== undefined) return hit;
    const [row] = await this.db.query<{ size: number }>('SELECT size FROM blobs WHERE sha256 = $1', [sha]);
    if (row) this.known.set(sha, row.size);
    return row?.size ?? null;
  }

  /** Bytes held of an unfinished upload (0 when none) and the length it was started with. */
  async partial(sha: string): Promise<{ offset: number; length: number | null }> {
    const offset = await stat(this.partOf(sha)).then((s) => s.size, () => 0);
    const length = await readFile(this.lengthFileOf(sha), 'utf8').then((t) => Number(t), () => null);
    return { offset, length: length !== null && Number.isSafeInteger(length) ? length : null };
  }

  openRead(sha: string): ReadStream {
    return createReadStream(this.pathOf(sha));
  }

  /**
   * One chunk of an upload; see sync/protocol/messages.ts ("Blobs") for the rules. `prove`: the blob
   * is here already but the sender must show it holds the bytes (another terminal sent them): the
   * upload runs and is verified as if it were new.
   */
  putChunk(sha: string, offset: number, length: number, chunk: Buffer, prove = false): Promise<ChunkResult> {
    const previous = this.locks.get(sha) ?? Promise.resolve();
    const next = previous.then(() => this.putChunkLocked(sha, offset, length, chunk, prove), () => this.putChunkLocked(sha, offset, length, chunk, prove));
    this.locks.set(sha, next);
    void next.finally(() => {
      if (this.locks.get(sha) === next) this.locks.delete(sha);
    }).catch(() => undefined);
    return next;
  }

  private async putChunkLocked(sha: string, offset: number, length: number, chunk: Buffer, prove: boolean): Promise<ChunkResult> {
    // The caller looked in the database just before; here only what this process stored since counts.
    const existing = this.known.get(sha);
    if (existing !== undefined && !prove) return { state: 'complete', created: false, size: existing };
    if (length > MAX_BLOB_BYTES) throw new HttpError(413, 'body_too_large', `a blob may have at most ${MAX_BLOB_BYTES} bytes`);
    const held = await this.partial(sha);
    if (offset === 0 && held.offset === 0 && chunk.length === length) return this.whole(sha, chunk);
    if (offset === 0 && held.length !== null && held.length !== length) {
      await this.forget(sha); // a different upload under the same name: start over
      held.offset = 0;
      held.length = null;
    }
    if (offset !== held.offset) {
      throw new HttpError(409, 'blob_offset', `this chunk starts at ${offset} but the server holds ${held.offset} bytes`, { offset: held.offset });
    }
    if (held.length !== null && held.length !== length) {
      throw invalidRequest(`upload-length ${length} differs from the ${held.length} this upload started with; restart it at offset 0`);
    }
    if (offset + chunk.length > length) throw invalidRequest(`the chunk ends at ${offset + chunk.length}, past upload-length ${length}`);
    if (chunk.length === 0 && offset + chunk.length < length) throw invalidRequest('an empty chunk');

    if (offset === 0) await writeFile(this.lengthFileOf(sha), String(length), { mode: PRIVATE_FILE_MODE });
    const file = await open(this.partOf(sha), offset === 0 ? 'w' : 'r+', PRIVATE_FILE_MODE);
    try {
      await file.write(chunk, 0, chunk.length, offset);
      await file.sync();
    } finally {
      await file.close();
    }
    const end = offset + chunk.length;
    if (end < length) return { state: 'partial', offset: end };
    return this.complete(sha, length);
  }

  /**
   * A blob sent whole in one chunk (most scanned pages): hashed in memory before anything is written,
   * so wrong bytes never touch the disk, then written once, fsynced and renamed into place.
   */
  private async whole(sha: string, bytes: Buffer): Promise<ChunkResult> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha) throw mismatch(sha, actual);
    const temp = join(this.dir, 'uploads', `${sha}.${process.pid}.whole`);
    const file = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await file.write(bytes, 0, bytes.length, 0);
      await file.sync();
    } finally {
      await file.close();
    }
    return this.place(sha, temp, bytes.length);
  }

  private async complete(sha: string, length: number): Promise<ChunkResult> {
    const actual = await hashFile(this.partOf(sha));
    if (actual !== sha) {
      await this.forget(sha);
      throw mismatch(sha, actual);
    }
    const placed = await this.place(sha, this.partOf(sha), length);
    await rm(this.lengthFileOf(sha), { force: true });
    return placed;
  }

  /** Moves a verified, fsynced file into the store, durably, then records it. */
  private async place(sha: string, from: string, size: number): Promise<ChunkResult> {
    const folder = join(this.dir, 'blobs', sha.slice(0, 2));
    privateDir(folder);
    await rename(from, this.pathOf(sha));
    await syncDir(folder);
    const inserted = await this.db.query('INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256', [sha, size, this.clock.nowIso()]);
    this.known.set(sha, size);
    return { state: 'complete', created: inserted.length > 0, size };
  }

  private async forget(sha: string): Promise<void> {
    await rm(this.partOf(sha), { force: true });
    await rm(this.lengthFileOf(sha), { force: true });
  }
}

const mismatch = (sha: string, actual: string): HttpError =>
  new HttpError(422, 'blob_mismatch', `the uploaded bytes hash to ${actual}, not ${sha}; the upload was discarded, send it again`, { actual });

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes a rename durable: the directory entry is fsynced too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
