// Bundles the Node side (CLI + capture server, Electron main and preload) with esbuild.
// One file each keeps `hitscope serve` independent of node_modules layout at run time.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/** ES module output: some bundled CommonJS dependencies call require(); give it one. */
const esmWithRequire = {
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  banner: {
    js: "import { createRequire as __hitscopeCreateRequire } from 'node:module'; const require = __hitscopeCreateRequire(import.meta.url);",
  },
};

/** CommonJS output: bundled code may read import.meta.url; give it a real one. */
const cjsWithImportMetaUrl = {
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': '__hitscopeImportMetaUrl' },
  banner: {
    js: "const __hitscopeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
};

await build({
  ...common,
  entryPoints: { 'server/cli': 'electron/server/cli.ts' },
  outdir: 'dist',
  ...esmWithRequire,
});

// The Playwright helper (`hitscope/playwright`), as an ES module and as CommonJS for test
// files Playwright compiles to CommonJS. @playwright/test stays external: the helper must
// extend the very copy the project runs its tests with.
const helperCommon = {
  ...common,
  entryPoints: { index: 'playwright-helper/index.ts' },
  outdir: 'dist/playwright',
  external: ['@playwright/test'],
};
await build({ ...helperCommon, ...esmWithRequire });
await build({ ...helperCommon, ...cjsWithImportMetaUrl });
// Its type declarations, for editors and type checks of the tests that import it.
execFileSync(
  process.execPath,
  [
    'node_modules/typescript/bin/tsc',
    '-p',
    'tsconfig.playwright.json',
    '--composite',
    'false',
    '--incremental',
    'false',
    '--outDir',
    'dist/playwright/types',
  ],
  { stdio: 'inherit' },
);

// Desktop app: main process and preload as CommonJS (a sandboxed preload cannot be an ES
// module, and Electron loads package.json "main" as CommonJS). 'electron' is provided by the
// Electron runtime and never bundled.
const electronCommon = {
  ...common,
  format: 'cjs',
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
};

await build({
  ...electronCommon,
  entryPoints: { main: 'electron/main/main.ts' },
  target: 'node22',
  ...cjsWithImportMetaUrl,
});

await build({
  ...electronCommon,
  entryPoints: { preload: 'electron/preload/preload.ts' },
  // Runs in the sandboxed renderer: browser syntax level, only 'electron' to require.
  platform: 'browser',
  target: 'chrome130',
});
