import { contract, type HandlerName } from '../../core/api/contract.js';

/**
 * How large a request body each handler may get on the host door. Small by default: every call but
 * two carries a form's worth of JSON (an intake of 500 materials with notes is under 1 MiB). A body
 * is read into memory before anything checks it, so a limit is what stops any page from making the
 * host hold 100 MB.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Room for the JSON around a handler's one large field. */
const ENVELOPE = 64 * 1024;

const LARGER: Partial<Record<HandlerName, number>> = {
  // A file as base64: the contract's own maximum for it (64 MB decoded).
  'scans.import': (contract['scans.import'].input.shape.dataBase64.maxLength ?? 0) + ENVELOPE,
  // A district's catalog file (the sample's 20 items are 130 KB; a thousand items are a few MB).
  'catalog.import': 16 * 1024 * 1024,
};

export const bodyLimitOf = (name: HandlerName): number => LARGER[name] ?? DEFAULT_BODY_LIMIT;
