import { DomainError } from '../../core/result.js';
import { enrollTerminal, EnrollmentRefused, readSyncStatus, SyncFailure } from '../sync/index.js';
import { unavailableBlobs, waiveBlob } from '../sync/waive.js';
import { blobSourceOf, startSync } from '../app-context.js';
import { appendAudit } from '../db/audit.js';
import { stmt } from '../db/statements.js';
import { terminalKeys } from '../notices/keys.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

interface RejectionRow {
  outbox_seq: number;
  seq: number;
  name: string;
  case_no: string | null;
  code: string;
  reason: string;
  at: string;
  handled_at: string | null;
  handled_by: string | null;
}

const toRejection = (r: RejectionRow) => ({
  id: r.outbox_seq, seq: r.seq, name: r.name, caseNo: r.case_no, code: r.code, reason: r.reason, at: r.at, handledAt: r.handled_at, handledBy: r.handled_by,
});

function statusOf(ctx: HandlerContext) {
  return ctx.sync?.status() ?? readSyncStatus(ctx.store.db);
}

/** The centre's refusal of an enrollment, as the handler's stable codes (reason: the protocol's code). */
function enrollmentError(err: unknown): unknown {
  if (err instanceof EnrollmentRefused) return new DomainError('conflict', err.message, undefined, err.code);
  if (!(err instanceof SyncFailure)) return err;
  if (err.code === 'enrollment_invalid') return new DomainError('invalid_input', err.message, 'code', 'enrollment_invalid');
  if (err.code === 'invalid_request') return new DomainError('invalid_input', err.message, 'code', 'enrollment_invalid');
  if (err.kind === 'retry') return new DomainError('unavailable', err.message, 'serverUrl', 'server_unreachable');
  return new DomainError('conflict', err.message, 'serverUrl', err.code);
}

/** Guards `sync.enroll` against itself and `sync.now` for the length of the network round trip. */
const enrolling = new WeakSet<HandlerContext>();

/**
 * The credential and every applicant's data travel over this link: plain http:// only to this
 * machine (a centre on loopback, as in tests and demos), https:// to anywhere else.
 */
export function plainHttpElsewhere(serverUrl: string): boolean {
  const url = new URL(serverUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return !(host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

async function enroll({ serverUrl, code, label }: { serverUrl: string; code: string; label?: string | undefined }, ctx: HandlerContext) {
  if (plainHttpElsewhere(serverUrl)) {
    throw new DomainError('invalid_input', 'the central service must be reached over https:// (http:// only on this machine)', 'serverUrl', 'insecure_server_url');
  }
  const { db } = ctx.store;
  // A re-enrollment: the old link stops first, so nothing is pushed under the old identity once
  // the new one is stored (it restarts if the enrollment fails). One loop per store.
  const previous = ctx.sync;
  await previous?.stop();
  ctx.sync = null;
  let enrolled;
  try {
    enrolled = await enrollTerminal({
      db,
      clock: ctx.clock,
      serverUrl,
      code,
      label,
      publicKey: terminalKeys(db, ctx.clock.nowIso()).publicKey,
      actor: ctx.session.staff?.login ?? null,
      ...(ctx.syncOptions?.fetch ? { fetch: ctx.syncOptions.fetch } : {}),
      ...(ctx.syncOptions?.timers ? { timers: ctx.syncOptions.timers } : {}),
      ...(ctx.syncOptions?.sealer ? { sealer: ctx.syncOptions.sealer } : {}),
    });
  } catch (err) {
    if (previous) ctx.sync = startSync(ctx);
    throw enrollmentError(err);
  }
  ctx.sync = startSync(ctx);
  ctx.events.emit('settings.changed', { key: 'terminal_code' });
  const status = statusOf(ctx);
  ctx.events.emit('sync.changed', status);
  return { terminalId: enrolled.terminalId, terminalCode: enrolled.terminalCode, windowNo: enrolled.windowNo, hall: enrolled.hall, district: enrolled.district, status };
}

export const syncHandlers = {
  'sync.status': (_input, ctx) => statusOf(ctx),

  'sync.now': async (_input, ctx) => {
    // While an enrollment is under way there is deliberately no client: none may start on the old link.
    if (enrolling.has(ctx)) return statusOf(ctx);
    // Enrolled but without a running client (its credential could not be opened at start): try again.
    if (!ctx.sync && readSyncStatus(ctx.store.db).enrolled) ctx.sync = startSync(ctx);
    if (!ctx.sync) {
      if (readSyncStatus(ctx.store.db).enrolled) return statusOf(ctx);
      throw new DomainError('unavailable', 'this terminal is not enrolled with a central service', undefined, 'not_enrolled');
    }
    return ctx.sync.syncNow();
  },

  'sync.enroll': async (input, ctx) => {
    if (enrolling.has(ctx)) throw new DomainError('conflict', 'an enrollment is already under way', undefined, 'enrollment_in_progress');
    enrolling.add(ctx);
    try {
      return await enroll(input, ctx);
    } finally {
      enrolling.delete(ctx);
    }
  },


  'sync.rejections': ({ include, limit }, ctx) => {
    const where = include === 'open' ? 'WHERE handled_at IS NULL' : '';
    return stmt<RejectionRow>(ctx.store.db, `SELECT * FROM sync_rejections ${where} ORDER BY outbox_seq DESC LIMIT ?`).all(limit).map(toRejection);
  },

  'sync.acknowledgeRejection': ({ id, note }, ctx) => {
    const { db } = ctx.store;
    const staff = ctx.session.requireStaff();
    const row = db.transaction(() => {
      const r = stmt<RejectionRow>(db, 'SELECT * FROM sync_rejections WHERE outbox_seq = ?').get(id);
      if (!r) throw new DomainError('not_found', `no rejection ${id}`, 'id', 'rejection_unknown');
      if (r.handled_at !== null) throw new DomainError('conflict', `rejection ${id} was handled by ${r.handled_by} at ${r.handled_at}`, 'id', 'rejection_handled');
      const now = ctx.clock.nowIso();
      stmt(db, 'UPDATE sync_rejections SET handled_at = ?, handled_by = ? WHERE outbox_seq = ?').run(now, staff.login, id);
      appendAudit(db, ctx.clock, { actor: staff.login, action: 'sync.rejection_acknowledged', subject: r.case_no, details: { id, seq: r.seq, name: r.name, code: r.code, note: note ?? null } });
      return { ...r, handled_at: now, handled_by: staff.login };
    })();
    if (row.case_no) ctx.events.emit('cases.changed', { caseNo: row.case_no });
    ctx.events.emit('sync.changed', statusOf(ctx));
    return toRejection(row);
  },

  'sync.unavailableBlobs': (_input, ctx) => unavailableBlobs(ctx.store.db, blobSourceOf(ctx)),

  'sync.waiveBlob': ({ sha256, note }, ctx) => {
    const staff = ctx.session.requireStaff();
    const commands = waiveBlob(ctx.store.db, ctx.clock, blobSourceOf(ctx), sha256, staff.login, note);
    // The loop stopped on this document (blob_unavailable): it goes on now, without it.
    void ctx.sync?.syncNow();
    ctx.events.emit('sync.changed', statusOf(ctx));
    return { sha256, commands };
  },
} satisfies Partial<HandlerImpls>;
