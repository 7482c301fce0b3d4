// Runs `hitscope serve` as a real child process (the CLI bundled with esbuild, as
// `npm run build` does), for tests that kill it, fill its disk or start two on one directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

export const CLI_TOKEN = 'cli-process-token';

export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

export interface CliRunner {
  work: string;
  serve(dataDir: string, extra?: string[]): Promise<CliProcess>;
  /** Starts a server expected to refuse; resolves with its exit code and stderr. */
  refused(dataDir: string): Promise<{ code: number | null; stderr: string }>;
  dispose(): void;
}

/** Bundles the CLI once into a temporary directory; call in beforeAll (takes a few seconds). */
export async function bundleCli(): Promise<CliRunner> {
  const work = mkdtempSync(join(tmpdir(), 'hitscope-cli-'));
  await build({
    entryPoints: [fileURLToPath(new URL('../../electron/server/cli.ts', import.meta.url))],
    outfile: join(work, 'cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const runner = join(work, 'run.mjs');
  writeFileSync(
    runner,
    "import { main } from './cli.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  const children: ChildProcess[] = [];
  const spawnServe = (dataDir: string, extra: string[]) => {
    const child = spawn(
      process.execPath,
      [
        runner,
        'serve',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        dataDir,
        '--token',
        CLI_TOKEN,
        '--log-level',
        'error',
        ...extra,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let err = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (err += chunk));
    return { child, stderr: () => err };
  };
  return {
    work,
    async serve(dataDir, extra = []) {
      const { child, stderr } = spawnServe(dataDir, extra);
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.setEncoding('utf8');
        child.stdout!.on('data', (chunk: string) => {
          out += chunk;
          const match = /Tracker: (http:\/\/[^/\s]+)\/matomo\.php/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}${stderr()}`)));
      });
      return { child, url, stderr };
    },
    async refused(dataDir) {
      const { child, stderr } = spawnServe(dataDir, []);
      const { code } = await exited(child);
      return { code, stderr: stderr() };
    },
    dispose() {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Bundles the CLI before the file's tests (when `enabled`) and cleans up after them;
 * returns a getter for the runner.
 */
export function useBundledCli(enabled = true): () => CliRunner {
  let cli: CliRunner | undefined;
  beforeAll(async () => {
    if (enabled) cli = await bundleCli();
  }, 60_000);
  afterAll(() => cli?.dispose());
  return () => {
    if (!cli) throw new Error('The CLI was not bundled.');
    return cli;
  };
}

/** GETs an admin API path of a CLI server. */
export async function cliApi<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${CLI_TOKEN}` } });
  return (await res.json()) as T;
}

/** Resolves when the child has exited, also when it already had before the call. */
export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** The `uid` parameter of every hit a CLI server holds in memory, page by page. */
export async function cliHitUids(url: string): Promise<Set<string>> {
  const uids = new Set<string>();
  let before: string | null = null;
  do {
    const page: { hits: { params: Record<string, unknown> }[]; next: string | null } = await cliApi(
      url,
      `/api/hits?limit=1000${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    for (const hit of page.hits) uids.add(String(hit.params.uid));
    before = page.next;
  } while (before);
  return uids;
}
