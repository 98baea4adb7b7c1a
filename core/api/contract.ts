import type { z } from 'zod';
import type { EventName, HandlerName } from './names.js';
import type { HandlerSpec } from './contract-common.js';
import { appContract } from './contract-app.js';
import { authContract, authEventSchemas } from './contract-auth.js';
import { casesContract, casesEventSchemas } from './contract-cases.js';
import { catalogContract } from './contract-catalog.js';
import { deliveryContract } from './contract-delivery.js';
import { feesContract } from './contract-fees.js';
import { lifecycleContract } from './contract-lifecycle.js';
import { noticesContract } from './contract-notices.js';
import { scanContract, scanEventSchemas } from './contract-scans.js';
import { settingsContract, settingsEventSchemas } from './contract-settings.js';
import { staffContract } from './contract-staff.js';
import { syncContract, syncEventSchemas } from './contract-sync.js';
import { storeContract } from './contract-store.js';

export type { EventName, HandlerName } from './names.js';
export { LANGUAGES, languageSchema, ROLES, type Access, type HandlerSpec, type Language, type Role } from './contract-common.js';

/**
 * The handler contract: every operation the UI can ask for, with a zod schema for its input and its
 * result. Both doors (Electron IPC and the host's HTTP API) validate against these same schemas, the
 * renderer derives its types from them, and docs/API.md is generated from them. Each namespace's
 * handlers live in their own contract-<area>.ts; this file joins them, and the type checker holds the
 * whole to exactly the names in names.ts.
 */
export const contract = {
  ...appContract,
  ...settingsContract,
  ...authContract,
  ...staffContract,
  ...catalogContract,
  ...casesContract,
  ...noticesContract,
  ...scanContract,
  ...syncContract,
  ...storeContract,
  ...deliveryContract,
  ...feesContract,
  ...lifecycleContract,
} as const satisfies Record<HandlerName, HandlerSpec>;

export type Contract = typeof contract;
export type HandlerInput<N extends HandlerName> = z.input<Contract[N]['input']>;
export type HandlerResult<N extends HandlerName> = z.output<Contract[N]['result']>;

export function isHandlerName(name: string): name is HandlerName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the back end to the renderer (SSE on the host, webContents.send in Electron). */
export const eventSchemas = {
  ...settingsEventSchemas,
  ...authEventSchemas,
  ...casesEventSchemas,
  ...scanEventSchemas,
  ...syncEventSchemas,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface AppEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
