import type { Clock } from '../../../core/ports.js';
import type { BlobStore } from '../blobs.js';
import type { CatalogBook } from '../catalogs.js';
import type { Db } from '../db/types.js';
import type { PokeHub } from '../events.js';

/** What the routes share: one per server. */
export interface Central {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  catalogs: CatalogBook;
  hub: PokeHub;
  /** The office token given at start (`OW_OFFICE_TOKEN`), besides the stored ones. */
  officeToken: string | undefined;
  /** Largest blob chunk one PUT may carry. */
  blobChunkLimit: number;
  /** Bytes of blobs one terminal code may hold at the centre. */
  blobQuotaBytes: number;
}
