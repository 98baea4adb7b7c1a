import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/ports.js';
import { pullResponseSchema } from '../../sync/protocol/index.js';
import { applyPage, type AppliedPage } from './apply.js';
import { SyncFailure } from './failure.js';
import type { CentralApi } from './http.js';
import { readCheckpoint, type Enrollment } from './state.js';

export interface PullDeps {
  db: Database;
  api: CentralApi;
  clock: Clock;
  enrollment: Enrollment;
  signal: AbortSignal;
  /** Changes per page (the protocol allows up to 5000). */
  pageSize?: number;
  /** After each page is committed: the app reloads its catalog and refreshes what changed. */
  onPage?: (page: AppliedPage) => void;
}

export const DEFAULT_PULL_PAGE = 1000;
/** 100,000 changes at 1000 a page is 100 pages; this bounds a server that keeps saying `more`. */
const MAX_PAGES = 10_000;

/** Pulls pages from the stored checkpoint until the centre says there is no more; returns the changes applied. */
export async function pullAll(deps: PullDeps): Promise<number> {
  const { db, api, clock, enrollment, signal } = deps;
  const limit = deps.pageSize ?? DEFAULT_PULL_PAGE;
  let applied = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    signal.throwIfAborted();
    const checkpoint = readCheckpoint(db);
    const res = await api.postJson('/pull', { checkpoint, limit }, pullResponseSchema, signal);
    signal.throwIfAborted();
    let previous = checkpoint;
    for (const c of res.changes) {
      if (c.seq <= previous) throw new SyncFailure('bad_response', `the centre's changes are not in increasing seq order (${c.seq} after ${previous})`, 'retry');
      previous = c.seq;
    }
    if (res.checkpoint < previous) throw new SyncFailure('bad_response', `the centre's checkpoint ${res.checkpoint} is behind its own changes (${previous})`, 'retry');
    const result = applyPage(db, clock, enrollment, res.changes, res.checkpoint);
    applied += result.changes;
    deps.onPage?.(result);
    if (!res.more) return applied;
    if (res.checkpoint <= checkpoint) throw new SyncFailure('pull_stalled', `the centre says more changes wait after ${checkpoint} but sent none`, 'retry');
  }
  throw new SyncFailure('pull_stalled', `still more changes after ${MAX_PAGES} pages`, 'retry');
}
