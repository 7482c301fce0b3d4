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

const rendererGroups = [...nodeBuiltins, 'electron', 'electron/*', '**/electron/**'];
const rendererMessage =
  'The renderer talks to the server over HTTP and to Electron only through the preload bridge.';

// One direction inside the renderer (docs/architecture.md#layers). Features come in this
// order and import only features of an earlier rank, so no two features import each other;
// store/, lib/, api/ and requests/ (the request model and the one send path) sit below every
// feature and import none. `layout` mounts the views and comes last.
const FEATURE_RANKS = [
  ['common'],
  ['issue-reference'],
  ['composer'],
  ['bulk-builder', 'history', 'header', 'settings', 'log-pane', 'hit-inspector', 'plan'],
  ['empty-state', 'filters', 'hit-diff'],
  ['hits-table', 'visits'],
  ['layout'],
];

const featureDirection = FEATURE_RANKS.flatMap((rank, index) => {
  const later = FEATURE_RANKS.slice(index).flat();
  return rank.map((feature) => {
    // shared/ has folders named like features (shared/visits): those are not features.
    const forbidden = later
      .filter((other) => other !== feature)
      .flatMap((other) => [`**/${other}`, `**/${other}/**`])
      .concat(['!**/shared/**']);
    const patterns = [{ group: rendererGroups, message: rendererMessage }];
    if (forbidden.length > 0) {
      patterns.push({
        group: forbidden,
        message: `${feature} may import only features before it (docs/architecture.md#layers). Move what both need below the features (requests/, lib/) or into an earlier feature.`,
      });
    }
    return {
      files: [`renderer/features/${feature}/**/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    };
  });
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
      ...noImports(rendererGroups, rendererMessage),
    },
  },
  {
    files: ['renderer/{store,lib,api,requests}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: rendererGroups, message: rendererMessage },
            {
              group: ['**/features', '**/features/**'],
              message:
                'store/, lib/, api/ and requests/ sit below the features (docs/architecture.md#layers): move what they need out of features/.',
            },
          ],
        },
      ],
    },
  },
  ...featureDirection,
);
