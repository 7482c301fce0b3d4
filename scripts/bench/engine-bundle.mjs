// The protocol engine's analyzeRequest of a checkout, bundled on its own into one ES module:
// what analysis.mjs measures in-process and what the analysing floor (bare-server.mjs) runs
// per request, without HTTP or storage of the capture server around it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles `root`'s analysis into `dir`/`name`.mjs and returns that file's path. */
export async function bundleAnalysis(root, dir, name, nodePaths = []) {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, `export { analyzeRequest } from '${root}/shared/matomo/analyze';\n`);
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    nodePaths,
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  return outfile;
}
