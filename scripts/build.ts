import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';

/**
 * Builds everything the app runs from into dist/: the renderer with Vite, and the Node/Electron entry
 * points with esbuild (packages stay external: node_modules is there at run time, and better-sqlite3
 * is a native addon that cannot be bundled).
 */
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

const started = Date.now();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
await Promise.all([
  esbuild({ ...common, entryPoints: ['main/host/cli.ts'], outfile: 'dist/host.mjs', format: 'esm' }),
  esbuild({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main.mjs', format: 'esm', external: ['electron'] }),
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  esbuild({ ...common, packages: undefined, entryPoints: ['preload/index.ts'], outfile: 'dist/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
console.log(`built dist/ in ${Date.now() - started} ms`);
