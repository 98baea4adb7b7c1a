import { languageSchema, type Language } from '../../core/api/contract.js';
import { verifyAudit } from '../db/audit.js';
import { getSetting } from '../db/settings.js';
import type { HandlerImpls } from './table.js';

export function currentLanguage(store: { db: Parameters<typeof getSetting>[0] }): Language {
  const parsed = languageSchema.safeParse(getSetting(store.db, 'language'));
  return parsed.success ? parsed.data : 'zh-CN';
}

export const appHandlers = {
  'app.info': (_input, ctx, meta) => {
    const { db } = ctx.store;
    return {
      name: ctx.app.name,
      version: ctx.app.version,
      terminalCode: getSetting(db, 'terminal_code'),
      windowNo: getSetting(db, 'window_no'),
      hall: getSetting(db, 'hall'),
      district: getSetting(db, 'district'),
      dbPath: ctx.store.file,
      schemaVersion: ctx.store.schemaVersion,
      language: currentLanguage(ctx.store),
      door: meta.door,
    };
  },
  'audit.verify': (_input, ctx) => verifyAudit(ctx.store.db),
} satisfies Partial<HandlerImpls>;
