import { appendAudit } from '../db/audit.js';
import { setSetting } from '../db/settings.js';
import { currentLanguage } from './app.js';
import type { HandlerImpls } from './table.js';

export const settingsHandlers = {
  'settings.setLanguage': ({ language }, ctx) => {
    const { db } = ctx.store;
    const before = currentLanguage(ctx.store);
    db.transaction(() => {
      setSetting(db, 'language', language);
      appendAudit(db, ctx.clock, { actor: null, action: 'settings.language', details: { from: before, to: language } });
    })();
    ctx.events.emit('settings.changed', { key: 'language' });
    return { language };
  },
  'settings.setIdleLock': ({ minutes }, ctx) => {
    const { db } = ctx.store;
    db.transaction(() => {
      setSetting(db, 'idle_lock_minutes', String(minutes));
      appendAudit(db, ctx.clock, { actor: ctx.session.staff?.login ?? null, action: 'settings.idle_lock', details: { minutes } });
    })();
    ctx.events.emit('settings.changed', { key: 'idle_lock_minutes' });
    return { minutes };
  },
} satisfies Partial<HandlerImpls>;
