import { businessDay } from '../../core/time.js';
import { carryOver, listCorrections } from '../cases/corrections.js';
import { failPromise, listPromises, receivePromise } from '../cases/promises.js';
import type { HandlerImpls } from './table.js';

export const lifecycleHandlers = {
  'corrections.list': ({ state, limit }, ctx) => listCorrections(ctx.store.db, businessDay(ctx.clock.nowIso()), state, limit),
  'corrections.carryOver': ({ caseNo }, ctx) => carryOver(ctx.store.db, caseNo),
  'promises.list': ({ state, withinDays, limit }, ctx) => listPromises(ctx.store.db, businessDay(ctx.clock.nowIso()), state, withinDays, limit),
  'promises.receive': (input, ctx) => receivePromise(ctx, input),
  'promises.fail': (input, ctx) => failPromise(ctx, input),
} satisfies Partial<HandlerImpls>;
