// Starts a real `hitscope serve` for end-to-end tests: a free port, a temporary data
// directory and a random token. The address lines the CLI prints are the contract:
//   `  UI:      http://127.0.0.1:<port>/?code=<one-time code>` and `  Tracker: <url>`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'hitscope.js');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface StartOptions {
  /** Where hits are stored; the caller creates and removes it. */
  dataDir: string;
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  extraArgs?: string[];
}

export interface RunningHitscope {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The UI's one-time sign-in URL from the banner (spent once opened). */
  uiUrl: string;
  trackerUrl: string;
  token: string;
  dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Stops and starts again on the same port, data directory and token; `whileDown` runs between. */
  restart(whileDown?: () => Promise<void>): Promise<RunningHitscope>;
}

function waitForBanner(child: ChildProcess, log: { text: string }) {
  return new Promise<{ uiUrl: string; trackerUrl: string }>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`hitscope serve did not print its addresses in time:\n${log.text}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      const ui = /^ {2}UI: +(\S+)$/m.exec(log.text);
      const tracker = /^ {2}Tracker: +(\S+)$/m.exec(log.text);
      if (ui?.[1] && tracker?.[1]) {
        clearTimeout(timer);
        resolvePromise({ uiUrl: ui[1], trackerUrl: tracker[1] });
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      log.text += chunk.toString('utf8');
      check();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log.text += chunk.toString('utf8');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hitscope serve exited early (${code ?? signal}):\n${log.text}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

export async function startHitscope(options: StartOptions): Promise<RunningHitscope> {
  const { dataDir } = options;
  const token = options.token ?? randomBytes(16).toString('hex');
  const args = [
    CLI,
    'serve',
    '--port',
    String(options.port ?? 0),
    '--data-dir',
    dataDir,
    '--token',
    token,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = { text: '' };
  let addresses: { uiUrl: string; trackerUrl: string };
  try {
    addresses = await waitForBanner(child, log);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    baseUrl: new URL(addresses.uiUrl).origin,
    uiUrl: addresses.uiUrl,
    trackerUrl: addresses.trackerUrl,
    token,
    dataDir,
    output: () => log.text,
    stop: () => stopChild(child),
    async restart(whileDown) {
      await stopChild(child);
      await whileDown?.();
      return startHitscope({ ...options, token, port: Number(new URL(addresses.uiUrl).port) });
    },
  };
}
