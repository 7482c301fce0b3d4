// Bundles the Node side (CLI + capture server, Electron main and preload) with esbuild.
// One file each keeps `hitscope serve` independent of node_modules layout at run time.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await build({
  ...common,
  entryPoints: { 'server/cli': 'electron/server/cli.ts' },
  outdir: 'dist',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  banner: {
    // Some bundled CommonJS dependencies call require(); give ESM output one.
    js: "import { createRequire as __hitscopeCreateRequire } from 'node:module'; const require = __hitscopeCreateRequire(import.meta.url);",
  },
});
