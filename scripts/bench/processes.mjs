// Child processes of the benchmark: the bare baseline server and `hitscope serve`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const defaultRoot = fileURLToPath(new URL('../../', import.meta.url));

function waitForLine(child, pattern) {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const match = pattern.exec(text);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`process exited with ${code} before starting:\n${text}`)),
    );
  });
}

/**
 * The bare baseline (204); with `answer` a bare server sending that fixed answer; with a
 * `journal` file as well, one that first appends each request to it; with an `engine` bundle
 * too, one that analyses each request before (see bare-server.mjs).
 */
export async function startBare(answer, journal, engine) {
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('bare-server.mjs', import.meta.url)),
      ...(answer ? [JSON.stringify(answer)] : []),
      ...(answer && journal ? [journal] : []),
      ...(answer && journal && engine ? [engine] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [, port] = await waitForLine(child, /listening (\d+)/);
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * `heapFile`: preload the heap probe (heap-probe.mjs), which writes there on SIGUSR2;
 * `loopFile`: preload the event-loop delay probe (loop-delay-probe.mjs) instead; `root`: the
 * checkout whose build runs (another one's: a baseline measured in the same run).
 */
export async function startHitscope(
  dataDir,
  extraArgs = [],
  heapFile = undefined,
  loopFile = undefined,
  root = defaultRoot,
) {
  const probe = heapFile
    ? ['--expose-gc', '--import', new URL('heap-probe.mjs', import.meta.url).href]
    : loopFile
      ? ['--import', new URL('loop-delay-probe.mjs', import.meta.url).href]
      : [];
  const child = spawn(
    process.execPath,
    [
      ...probe,
      // e.g. `--cpu-prof --cpu-prof-dir=…` to see what a long turn of the server does.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      `${root.replace(/\/?$/, '/')}bin/hitscope.js`,
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--token',
      'bench-token',
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        ...(heapFile ? { HITSCOPE_BENCH_HEAP_FILE: heapFile } : {}),
        ...(loopFile ? { HITSCOPE_BENCH_LOOP_FILE: loopFile } : {}),
      },
    },
  );
  const [, url] = await waitForLine(child, /Tracker: (http:\/\/[^/\s]+)\/matomo\.php/);
  return { child, url };
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb * 1024;
}

/** CPU time (user + system) a process has used so far, in microseconds (Linux /proc). */
export function cpuMicrosOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
}

/** Live heap (after a full collection) and RSS of a server started with a heap file. */
export async function heapOf(child, heapFile) {
  rmSync(heapFile, { force: true });
  child.kill('SIGUSR2');
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (existsSync(heapFile)) {
      try {
        return JSON.parse(readFileSync(heapFile, 'utf8'));
      } catch {
        // Still being written.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not report its heap');
}

/**
 * The event-loop figures of a server started with a loop file since the last call
 * (loop-delay-probe.mjs), which starts them afresh.
 */
export async function loopFiguresOf(child, loopFile) {
  rmSync(loopFile, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(loopFile); i++)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(readFileSync(loopFile, 'utf8'));
}
