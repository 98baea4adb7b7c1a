import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enrollRequestSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pullRequestSchema, pushRequestSchema, recoverRequestSchema, type PullResponse, type RecoverResponse, type StateResponse } from '../../protocol/index.js';
import { latestSeq, pullChanges } from '../changes.js';
import { HttpError, parseOr400 } from '../errors.js';
import { centreIdentity } from '../centre.js';
import { applyPush } from '../push.js';
import { recoverCommands } from '../recover.js';
import { authenticateTerminal, enroll, type AuthedTerminal } from '../terminals.js';
import type { Central } from './context.js';
import { blobRoutes } from './blobs.js';

/** Refuses a peer of another protocol version before anything else is read (426, with ours). */
export function checkProtocol(request: FastifyRequest): void {
  const sent = request.headers[PROTOCOL_HEADER];
  if (sent !== String(PROTOCOL_VERSION)) {
    throw new HttpError(426, 'upgrade_required', `this service speaks sync protocol ${PROTOCOL_VERSION}; the request said ${sent === undefined ? 'nothing' : JSON.stringify(sent)} in ${PROTOCOL_HEADER}`, {
      serverVersion: PROTOCOL_VERSION,
    });
  }
}

const terminals = new WeakMap<FastifyRequest, AuthedTerminal>();
/** The terminal the request's credential belongs to (set by the auth hook). */
export function terminalOf(request: FastifyRequest): AuthedTerminal {
  const t = terminals.get(request);
  if (!t) throw new HttpError(401, 'unauthenticated', 'no credential');
  return t;
}

/** The terminal API under /v1 (sync/README.md). */
export async function terminalRoutes(v1: FastifyInstance, central: Central): Promise<void> {
  const { db, clock, hub } = central;
  v1.addHook('onRequest', async (request) => checkProtocol(request));

  v1.post('/enroll', async (request) => {
    const body = parseOr400(enrollRequestSchema, request.body);
    const { response, written } = await enroll(db, clock, body);
    hub.poke(written);
    return response;
  });

  await v1.register(async (authed) => {
    // Before the body is read: an unknown or revoked caller's 50 MB body is not even parsed.
    authed.addHook('onRequest', async (request, reply) => {
      const terminal = await authenticateTerminal(db, request.headers.authorization);
      terminals.set(request, terminal);
      // Every later line of this request, Fastify's "request completed" too, names the terminal (an id, never the credential).
      request.log = reply.log = request.log.child({ terminalId: terminal.id });
    });

    authed.post('/push', async (request) => {
      const body = parseOr400(pushRequestSchema, request.body);
      const terminal = terminalOf(request);
      if (body.terminalId !== terminal.id) throw new HttpError(403, 'foreign_terminal', `this credential is terminal ${terminal.id}; it may not push for ${body.terminalId}`);
      const { response, written } = await applyPush(central, terminal, body);
      hub.poke(written);
      const count = (status: string): number => response.results.filter((r) => r.status === status).length;
      request.log.info(
        { commands: body.commands.length, firstSeq: body.commands[0]?.seq, lastSeq: response.lastSeq, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected'), blockedSeq: response.blocked?.seq },
        'push',
      );
      return response;
    });

    authed.get('/state', async (request): Promise<StateResponse> => {
      const terminal = terminalOf(request);
      const [row] = await db.query<{ last_seq: number; audit_seq: number | null; audit_hash: string | null }>('SELECT last_seq, audit_seq, audit_hash FROM terminals WHERE id = $1', [terminal.id]);
      const audit = row && row.audit_seq !== null && row.audit_hash !== null ? { seq: Number(row.audit_seq), hash: row.audit_hash } : null;
      return { terminalId: terminal.id, terminalCode: terminal.terminalCode, lastSeq: Number(row?.last_seq ?? 0), head: await latestSeq(db, terminal.id), ...(await centreIdentity(db)), audit };
    });

    authed.post('/recover', async (request): Promise<RecoverResponse> => {
      const body = parseOr400(recoverRequestSchema, request.body);
      return recoverCommands(db, terminalOf(request), body.afterSeq, body.limit);
    });

    authed.post('/pull', async (request): Promise<PullResponse> => {
      const body = parseOr400(pullRequestSchema, request.body);
      const { changes, more } = await pullChanges(db, terminalOf(request).id, body.checkpoint, body.limit);
      return { changes, checkpoint: changes.at(-1)?.seq ?? body.checkpoint, more };
    });

    authed.get('/events', async (request, reply) => {
      const terminal = terminalOf(request);
      if (!hub.canAccept()) throw new HttpError(503, 'unavailable', 'too many event streams; pull on a timer and retry later');
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // No `connection` header: Node keeps the stream open by itself, and forcing keep-alive would
        // override a client's `Connection: close` and invite it to reuse a socket about to close.
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      });
      // Attached before the checkpoint is read, so a commit in between is poked, not lost.
      hub.attach(terminal.id, reply.raw);
      try {
        hub.pokeOne(terminal.id, reply.raw, await latestSeq(db, terminal.id));
      } catch (err) {
        request.log.warn({ err }, 'could not read the checkpoint for a new event stream');
        reply.raw.end();
      }
    });

    await authed.register(async (scope) => blobRoutes(scope, central, (request) => terminalOf(request).terminalCode), { prefix: '/blobs' });
  });
}
