import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppContext } from '../app-context.js';
import { StoreError } from '../db/errors.js';
import { createLogger, logLevelFrom, type LogLevel } from '../logging/logger.js';
import { defaultDataDir } from '../paths.js';
import { startHost } from './server.js';

const USAGE = `Usage: npm run host -- [--port P] [--data DIR] [--bind ADDRESS]
                        [--terminal CODE] [--window NO] [--hall NAME] [--district NAME] [--log-level L]

  --port      port to listen on (default 4310; 0 picks a free one)
  --data      folder of the terminal's store (default ${defaultDataDir()})
  --bind      address to bind (default 127.0.0.1; the host is meant for this machine only)
  --terminal, --window, --hall, --district
              settings for a store that has none yet (demo or test terminals before enrollment)
  --log-level debug, info (default), warn, error or silent: JSON lines on stdout (or OW_LOG_LEVEL)`;

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4310' },
        data: { type: 'string' },
        bind: { type: 'string', default: '127.0.0.1' },
        terminal: { type: 'string' },
        window: { type: 'string' },
        hall: { type: 'string' },
        district: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".\n\n${USAGE}`);
    process.exit(2);
  }

  let level: LogLevel;
  try {
    level = logLevelFrom(values['log-level'] ?? process.env.OW_LOG_LEVEL);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const log = createLogger({ level, sink: process.stdout });

  const dataDir = resolve(values.data ?? defaultDataDir());
  const defaults = Object.fromEntries(
    Object.entries({ terminal_code: values.terminal, window_no: values.window, hall: values.hall, district: values.district }).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );

  let ctx;
  try {
    ctx = createAppContext({ dataDir, defaults, log });
  } catch (err) {
    if (err instanceof StoreError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }

  // Bundled as dist/host.mjs, next to dist/renderer.
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), 'renderer');
  startHost({ ctx, rendererDir, port, host: values.bind })
    .then(({ app, url }) => {
      console.log(`OneWindow host is running: open ${url} in a browser (store: ${ctx.store.file})`);
      log.info({ url, store: ctx.store.file }, 'host listening');
      const stop = (): void => {
        void Promise.allSettled([ctx.sync?.stop(), app.close()]).finally(() => {
          ctx.store.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((err: unknown) => {
      console.error(`The host could not start: ${(err as Error).message}`);
      log.error({ err }, 'host could not start');
      void ctx.sync?.stop();
      ctx.store.close();
      process.exit(1);
    });
}

main();
