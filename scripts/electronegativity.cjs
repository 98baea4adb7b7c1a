/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: it puts a module into require.cache before Electronegativity loads it */
// Runs Electronegativity (@doyensec/electronegativity) over a folder and prints its findings as JSON
// lines, with nothing fetched from the network: its CLI downloads translations and Electron's release
// list at start, so this sets its i18n up from the bundled English texts and leaves out the one check
// that needs the release list (AvailableSecurityFixesGlobalCheck; Electron's version is pinned and
// upgraded deliberately, README "Versions").
//   node scripts/electronegativity.cjs <folder> [electron version]
'use strict';
const path = require('node:path');

const pkgDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const i18nModule = require.resolve(path.join(pkgDir, 'dist/locales/i18n.js'));
const i18n = require(require.resolve('i18n', { paths: [pkgDir] }));
require.cache[i18nModule] = {
  id: i18nModule,
  filename: i18nModule,
  loaded: true,
  exports: Object.assign(
    async () => {
      i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(i18nModule), updateFiles: false, objectNotation: true, register: global });
      i18n.setLocale('en-US');
    },
    { __esModule: true, default: undefined },
  ),
};
require.cache[i18nModule].exports.default = require.cache[i18nModule].exports;

async function main() {
  const [input, electronVersion = require('electron/package.json').version] = process.argv.slice(2);
  if (!input) throw new Error('usage: electronegativity.cjs <folder> [electron version]');
  const run = require(path.join(pkgDir, 'dist/runner.js'));
  const result = await run({
    input: path.resolve(input),
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const issues = (result && result.issues) || result || [];
  for (const i of issues) {
    console.log(JSON.stringify({ id: i.id, file: i.file, line: i.location && i.location.line, severity: i.severity && i.severity.name, confidence: i.confidence && i.confidence.name, manualReview: i.manualReview === true }));
  }
  for (const e of (result && result.errors) || []) console.error(JSON.stringify({ parseError: e.file, message: e.message }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
