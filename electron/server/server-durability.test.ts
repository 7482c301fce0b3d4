// Durability with a real process: hits acknowledged before a kill -9 are all there after a
// restart on the same data dir; SIGTERM stops cleanly with exit code 0. The CLI is bundled
// with esbuild (as `npm run build` does) and run by node in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitsPageDto, SummaryDto } from '../../shared/api/types';

const TOKEN = 'durability-token';
let work: string;
let runner: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hitscope-durability-'));
  await build({
    entryPoints: [fileURLToPath(new URL('./cli.ts', import.meta.url))],
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
  runner = join(work, 'run.mjs');
  writeFileSync(
    runner,
    "import { main } from './cli.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
}, 60_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      runner,
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--token',
      TOKEN,
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /Tracker: (http:\/\/[^/\s]+)\/matomo\.php/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, url };
}

const api = async <T>(url: string, path: string) =>
  (await (
    await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as T;

/** Resolves when the child has exited, also when it already had before the call. */
const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('durability', () => {
  it('keeps every acknowledged hit through kill -9', async () => {
    const dataDir = join(work, 'kill');
    const { child, url } = await serve(dataDir);
    // The bulk is answered before the kill can happen, so all of its hits are acknowledged.
    const bulk = await fetch(`${url}/matomo.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: Array.from({ length: 20 }, (_, i) => `?idsite=1&rec=1&uid=b${i}`),
      }),
    });
    expect(bulk.status).toBe(200);
    const acknowledged = new Set<string>();
    let killed = false;
    const sends = Array.from({ length: 300 }, async (_, i) => {
      const uid = `k${i}`;
      try {
        const res = await fetch(`${url}/matomo.php?idsite=1&rec=1&action_name=Durable&uid=${uid}`);
        await res.arrayBuffer();
        if (res.status === 200) acknowledged.add(uid);
      } catch {
        // Cut off by the kill: not acknowledged.
      }
      if (acknowledged.size >= 150 && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    await Promise.all(sends);
    expect((await exited(child)).signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    const again = await serve(dataDir);
    await expect
      .poll(async () => (await api<SummaryDto>(again.url, '/api/summary')).hits, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(acknowledged.size + 20);
    const page = await api<HitsPageDto>(again.url, '/api/hits?limit=1000');
    const stored = new Set(page.hits.map((hit) => String(hit.params.uid)));
    for (const uid of acknowledged) expect(stored.has(uid), uid).toBe(true);
    for (let i = 0; i < 20; i++) expect(stored.has(`b${i}`)).toBe(true);
    again.child.kill('SIGTERM');
    expect((await exited(again.child)).code).toBe(0);
  }, 60_000);

  it('stops cleanly on SIGTERM and SIGINT with exit code 0, keeping the hits', async () => {
    const dataDir = join(work, 'term');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, url } = await serve(dataDir);
      expect((await fetch(`${url}/matomo.php?idsite=1&rec=1&uid=${signal}`)).status).toBe(200);
      child.kill(signal);
      expect(await exited(child)).toEqual({ code: 0, signal: null });
    }
    const { child, url } = await serve(dataDir);
    await expect.poll(async () => (await api<SummaryDto>(url, '/api/summary')).hits).toBe(2);
    child.kill('SIGTERM');
    await exited(child);
  }, 60_000);
});
