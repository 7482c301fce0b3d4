// The Hitscope server a Playwright worker talks to: the one named by HITSCOPE_URL (with
// HITSCOPE_TOKEN), or a private `hitscope serve --port 0` started for the worker with its own
// data directory and token, stopped (and its directory removed) when the worker ends.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HitscopeServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The `hitscope` command of this package (bin/hitscope.js), found from this module's place. */
export function hitscopeBin(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'hitscope.js');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error(`The hitscope command was not found above ${from}.`);
  }
}

/** Starts `hitscope serve --port 0` and resolves once it printed where it listens. */
export function startServer(extraArgs: readonly string[] = []): Promise<HitscopeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-playwright-'));
  const token = randomBytes(18).toString('base64url');
  const child = spawn(
    process.execPath,
    [
      hitscopeBin(),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    { env: { ...process.env, HITSCOPE_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`hitscope serve ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const tracker = /^ {2}Tracker: +(\S+)\/matomo\.php$/m.exec(output);
      if (tracker?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: tracker[1], token, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`));
  });
}

/** The server named by HITSCOPE_URL and HITSCOPE_TOKEN, or null when HITSCOPE_URL is unset. */
export function serverFromEnv(env: NodeJS.ProcessEnv = process.env): HitscopeServer | null {
  const url = env.HITSCOPE_URL?.trim();
  if (!url) return null;
  const token = env.HITSCOPE_TOKEN?.trim();
  if (!token) throw new Error('HITSCOPE_URL is set, but HITSCOPE_TOKEN (the server token) is not.');
  return { url: url.replace(/\/+$/, ''), token, stop: async () => undefined };
}
