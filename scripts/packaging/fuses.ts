import { FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';

/**
 * The Electron fuses every package ships with (flipped in the binary by afterPack, before signing,
 * so the signature covers them). strictlyRequireAllFuses: a future Electron with a new fuse fails the
 * build until someone decides it here.
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed binary into a general Node.
 * - NodeOptions and --inspect off: no NODE_OPTIONS=--require, no debugger attached from outside.
 * - Cookie encryption on: cookies at rest encrypted with the OS keychain key.
 * - Asar integrity on, app only from the asar: a changed app.asar or a loose app/ folder is refused
 *   (integrity is checked on Windows and macOS; Linux has no check yet, see docs/IT.md).
 * - No file:// extra privileges (the renderer is served from app://), no separate browser snapshot.
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

const ENABLE = 49; // '1'
const DISABLE = 48; // '0'

/** Reads the wire back and lists every fuse that is not as FUSES says (empty: all set). */
export async function fuseMismatches(binary: string): Promise<string[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  const out: string[] = [];
  for (const [key, wanted] of Object.entries(FUSES)) {
    const index = Number(key);
    if (Number.isNaN(index)) continue;
    const actual = wire[index];
    if (actual !== (wanted ? ENABLE : DISABLE)) out.push(`${FuseV1Options[index]}: ${actual === undefined ? 'missing' : String.fromCharCode(actual)}, wanted ${wanted ? 'on' : 'off'}`);
  }
  return out;
}
