import { createAppContext, type AppOptions } from '../../main/app-context.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { steppingClock } from './clock.js';
import { tempDir } from './temp.js';

/** A real app context on a real SQLite file in a temp folder, as the host would build it. */
export function testApp(opts: Partial<AppOptions> = {}): HandlerContext & { dataDir: string } {
  const dataDir = opts.dataDir ?? tempDir();
  const ctx = createAppContext({ clock: steppingClock(), defaults: { terminal_code: 'T3101010001', window_no: '07' }, ...opts, dataDir });
  // The same object, not a copy: a sync client started with the context updates its catalog in place.
  return Object.assign(ctx, { dataDir });
}
