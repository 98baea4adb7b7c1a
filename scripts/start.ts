import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary, electronSqliteBinding, electronVersion, fetchElectron } from './electron-setup.js';

/**
 * `npm start`: the desktop app when Electron can run here, else the same app through the Node host in a
 * browser. Arguments after `--` go to the host (e.g. `npm start -- --port 4400`).
 */
const root = resolve(import.meta.dirname, '..');
const hostArgs = process.argv.slice(2).filter((a) => a !== '--');
const fetchTimeoutMs = Number(process.env.ONEWINDOW_ELECTRON_FETCH_TIMEOUT_MS ?? 300_000);

function startHost(reason: string): void {
  console.log(
    `\nOneWindow cannot start as a desktop app on this machine: ${reason}. ` +
      `Electron ${electronVersion} is fetched on first start from its download site, or from the mirror named in ` +
      'ELECTRON_MIRROR (for example an intranet copy: ELECTRON_MIRROR=https://mirror.example/electron/ npm start). ' +
      'Until then the same app runs in your browser through the local host, on this machine only: open the address ' +
      'printed below. Nothing is lost either way; both open the same local store.\n',
  );
  const child = spawn(process.execPath, [resolve(root, 'dist/host.mjs'), ...hostArgs], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startElectron(bin: string, binding: string): void {
  const child = spawn(bin, [root], { stdio: 'inherit', env: { ...process.env, ONEWINDOW_SQLITE_BINDING: binding } });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function main(): void {
  let bin = electronBinary();
  if (!bin) {
    console.log(`The Electron ${electronVersion} binary is not installed yet; fetching it${process.env.ELECTRON_MIRROR ? ` from ${process.env.ELECTRON_MIRROR}` : ''}…`);
    bin = fetchElectron(fetchTimeoutMs) ? electronBinary() : null;
  }
  if (!bin) return startHost('the Electron binary could not be downloaded');
  const binding = electronSqliteBinding(root);
  if (!binding) return startHost('the SQLite driver could not be built for Electron (its headers could not be fetched)');
  startElectron(bin, binding);
}

main();
