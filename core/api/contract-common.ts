import { z } from 'zod';

/**
 * What every part of the handler contract shares: the spec shape, who may call, the UI languages, and
 * the small schemas several namespaces use. contract.ts joins the parts (contract-app.ts, -auth, …).
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Who may call a handler: anyone at the terminal, or a signed-in, unlocked member of staff of that role or above. */
export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Access = 'public' | Role;

export interface HandlerSpec {
  access: Access;
  summary: string;
  input: z.ZodType;
  result: z.ZodType;
}

export const noInput = z.object({}).strict();
export const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
export const staffRef = z.object({ id: z.number().int(), login: z.string(), displayName: z.string(), role: z.enum(ROLES) });
export const login = z.string().trim().regex(/^[a-z0-9._-]{2,32}$/i, 'letters, digits, . _ - (2 to 32)');
