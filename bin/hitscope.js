#!/usr/bin/env node
// Entry point of the `hitscope` command: runs the bundled CLI built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/server/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('hitscope: the CLI is not built yet. Run `npm run build` first.\n');
  process.exit(1);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
