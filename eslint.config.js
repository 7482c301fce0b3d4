// Lint rules, including the import boundaries of the architecture:
// shared/ is pure TypeScript, electron/server never touches 'electron',
// and the renderer reaches the main process only over HTTP and the preload bridge.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'os',
  'crypto',
  'child_process',
  'url',
  'stream',
  'events',
  'util',
  'zlib',
  'worker_threads',
];

const noImports = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: noImports(
      [
        ...nodeBuiltins,
        'react',
        'react-dom',
        'react/*',
        'electron',
        'electron/*',
        '**/electron/**',
        '**/renderer/**',
      ],
      'shared/ must stay pure TypeScript: no Node built-ins, React, electron, or app code.',
    ),
  },
  {
    files: ['electron/server/**/*.ts'],
    rules: noImports(
      [
        'electron',
        'electron/*',
        '**/electron/main/**',
        '**/main/**',
        '**/preload/**',
        '**/renderer/**',
      ],
      "electron/server is plain Node: it never imports 'electron' or the app shell, so it runs headless and in tests.",
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...noImports(
        [...nodeBuiltins, 'electron', 'electron/*', '**/electron/**'],
        'The renderer talks to the server over HTTP and to Electron only through the preload bridge.',
      ),
    },
  },
);
