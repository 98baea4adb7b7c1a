// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The import arrows of ARCHITECTURE.md, enforced per folder with `no-restricted-imports`.
 * A violation is an error, and `npm test` runs lint with --max-warnings 0, so it fails the build.
 * tests/layering.test.ts proves each arrow by linting a forbidden import at a path in each folder.
 */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const nodeBuiltins = `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).map(escape).join('|')})(/.*)?)$`;
/** An import that reaches into a top-level folder of this repo, by relative path. */
const intoFolder = (folder) => `^(\\.{1,2}/)+(\\.\\./)*${escape(folder)}(/|$)`;

const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const p = {
  node: { regex: nodeBuiltins, message: 'core/ renderer/ and sync/protocol stay free of Node built-ins (use a port).' },
  electron: { regex: '^electron(/.*)?$', message: 'Only main/electron and preload/ may import Electron.' },
  react: { regex: '^react(-dom)?(/.*)?$', message: 'React belongs to renderer/ only.' },
  sqlite: { regex: '^better-sqlite3$', message: 'The store is main/db; go through a handler or a port.' },
  server: { regex: '^(fastify|@fastify/.*|pg|@electric-sql/.*)$', message: 'Server libraries belong to main/host and sync/server.' },
  main: { regex: intoFolder('main'), message: 'This folder may not import main/.' },
  renderer: { regex: intoFolder('renderer'), message: 'Nothing imports the renderer; it talks through its transport.' },
  preload: { regex: intoFolder('preload'), message: 'Nothing imports preload/.' },
  sync: { regex: intoFolder('sync'), message: 'core/ does not know about sync.' },
  // From main `../../sync/server/…` (not main/host/server.js).
  syncServer: { regex: '^(\\.{1,2}/)+(sync/)?server(/|$)', message: 'sync/server is the central service; share code through core/ or sync/protocol.' },
  tests: { regex: intoFolder('tests'), message: 'Product code does not import tests/.' },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  // In tests a wrong `!` fails the test loudly, which is what a test is for.
  { files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  { files: ['core/**/*.ts'], ignores: ['core/**/*.test.ts'], rules: rule(p.node, p.electron, p.react, p.sqlite, p.server, p.main, p.renderer, p.preload, p.sync, p.tests) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...rule(p.node, p.electron, p.sqlite, p.server, p.main, p.preload, p.sync, p.tests) },
  },
  { files: ['preload/**/*.ts'], ignores: ['preload/**/*.test.ts'], rules: rule(p.node, p.react, p.sqlite, p.server, p.main, p.renderer, p.sync, p.tests) },
  { files: ['main/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: rule(p.react, p.renderer, p.preload, p.syncServer, p.tests) },
  { files: ['main/**/*.ts'], ignores: ['main/electron/**', 'main/**/*.test.ts'], rules: rule(p.react, p.renderer, p.preload, p.syncServer, p.tests, p.electron) },
  { files: ['sync/protocol/**/*.ts'], ignores: ['**/*.test.ts'], rules: rule(p.node, p.electron, p.react, p.sqlite, p.server, p.main, p.renderer, p.preload, p.syncServer, p.tests) },
  { files: ['sync/server/**/*.ts'], ignores: ['**/*.test.ts'], rules: rule(p.electron, p.react, p.sqlite, p.main, p.renderer, p.preload, p.tests) },
);
