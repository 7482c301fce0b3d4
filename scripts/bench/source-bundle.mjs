// Parts of a checkout's TypeScript sources bundled for Node into one ES module, for the
// benchmarks that measure them in-process or in a bare server (the protocol engine alone, the
// capture server, the visit engine), this checkout's or another's for a baseline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Writes `exports` (lines of `export … from '<absolute path>'`) as `dir`/`name`.ts, bundles
 * it into `dir`/`name`.mjs, and returns that file's path. `nodePaths`: where the packages the
 * sources import are found, when not beside them.
 */
export async function bundleForNode(dir, name, exports, nodePaths = []) {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, `${exports.join('\n')}\n`);
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
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

/**
 * The protocol engine's analyzeRequest of the checkout at `root`, bundled on its own: what
 * analysis.mjs measures in-process and what the analysing floor (bare-server.mjs) runs per
 * request, without the capture server's HTTP or storage around it.
 */
export const bundleAnalysis = (root, dir, name, nodePaths = []) =>
  bundleForNode(
    dir,
    name,
    [`export { analyzeRequest } from '${root}/shared/matomo/analyze';`],
    nodePaths,
  );
