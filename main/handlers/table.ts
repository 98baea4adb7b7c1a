import type { Contract, HandlerName, HandlerResult } from '../../core/api/contract.js';
import type { z } from 'zod';
import { appHandlers } from './app.js';
import { authHandlers } from './auth.js';
import { caseHandlers } from './cases.js';
import { catalogHandlers } from './catalog.js';
import { deliveryHandlers } from './deliveries.js';
import { feeHandlers } from './fees.js';
import { lifecycleHandlers } from './lifecycle.js';
import { noticeHandlers } from './notices.js';
import { scanHandlers } from './scans.js';
import { setupHandlers } from './setup.js';
import { staffHandlers } from './staff.js';
import type { CallMeta, HandlerContext } from './context.js';
import { settingsHandlers } from './settings.js';
import { syncHandlers } from './sync.js';
import { storeHandlers } from './store.js';

export type HandlerImpl<N extends HandlerName> = (
  input: z.output<Contract[N]['input']>,
  ctx: HandlerContext,
  meta: CallMeta,
) => HandlerResult<N> | Promise<HandlerResult<N>>;

export type HandlerImpls = { [N in HandlerName]: HandlerImpl<N> };

/** The one handler table both doors look names up in. A missing handler is a type error here. */
export const handlers: HandlerImpls = {
  ...appHandlers,
  ...settingsHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...staffHandlers,
  ...catalogHandlers,
  ...caseHandlers,
  ...noticeHandlers,
  ...scanHandlers,
  ...syncHandlers,
  ...storeHandlers,
  ...deliveryHandlers,
  ...feeHandlers,
  ...lifecycleHandlers,
};
