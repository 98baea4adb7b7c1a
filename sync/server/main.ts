import { reduceError } from '../../core/logging/errors.js';
import { runCli } from './cli.js';

/** `npm run central -- …`: see cli.ts for the commands. */
try {
  const running = await runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env });
  if (running) {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      console.error(`central: ${signal}, stopping`);
      running.close().then(
        () => process.exit(0),
        (err: unknown) => {
          // Not the error object itself: a database error's properties are its statement's parameters.
          console.error(`central: could not stop cleanly: ${reduceError(err).message}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }
} catch (err) {
  console.error(`central: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
