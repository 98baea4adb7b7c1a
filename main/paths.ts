import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from './version.js';

/**
 * Where the terminal keeps its store when no --data is given: the same folder Electron's
 * app.getPath('userData') gives, so the host fallback and the desktop app open the same store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}
