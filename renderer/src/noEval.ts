import { z } from 'zod';

/**
 * Imported first by main.tsx, before anything builds a zod schema: zod compiles a fast path for each
 * object schema with `new Function` where it may, and decides so when the schema is built (the
 * handler contract, at start-up). The policy allows no eval (script-src 'self'), and even zod's
 * probe for it is reported as a CSP violation; jitless zod never tries.
 */
z.config({ jitless: true });
