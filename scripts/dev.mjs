// `npm run dev`: the UI from Vite with hot reload, against a capture server.
// Builds and starts `hitscope serve` on 127.0.0.1:8765 (HITSCOPE_DEV_PORT to change it) with
// a dev token and a data folder in .hitscope-data/, unless HITSCOPE_DEV_SERVER names a server
// that already runs (then HITSCOPE_TOKEN must be its token). Vite proxies the API, the
// tracking paths and the sign-in (one-time `/?code=` links, the `/sign-in` form) to that
// server (vite.config.ts), so the UI authenticates exactly as it does when the server serves
// it; the link printed here is a one-time code asked of the server with the token, which
// never goes in a URL. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = process.env.HITSCOPE_DEV_SERVER;
const port = process.env.HITSCOPE_DEV_PORT ?? '8765';
const token = process.env.HITSCOPE_TOKEN || randomBytes(18).toString('base64url');
const serverUrl = external ?? `http://127.0.0.1:${port}`;
const children = [];
let stopping = false;

function start(label, command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `dev: ${label} stopped (${signal ?? `exit ${code}`}); stopping the rest\n`,
    );
    stop(code ?? 1);
  });
  return child;
}

function stop(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (external === undefined) {
  const build = spawn(process.execPath, ['scripts/build-node.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  const built = await new Promise((resolve) => build.on('exit', (code) => resolve(code === 0)));
  if (!built) {
    process.stderr.write('dev: building the server failed\n');
    process.exit(1);
  }
  start('capture server', process.execPath, [
    'bin/hitscope.js',
    'serve',
    '--port',
    port,
    '--token',
    token,
    '--data-dir',
    '.hitscope-data',
  ]);
} else if (!process.env.HITSCOPE_TOKEN) {
  process.stderr.write(
    `dev: HITSCOPE_DEV_SERVER is set (${external}): also set HITSCOPE_TOKEN to that server's token\n`,
  );
}

start('vite', process.execPath, ['node_modules/vite/bin/vite.js'], {
  ...process.env,
  HITSCOPE_DEV_SERVER: serverUrl,
});

/** A one-time sign-in link's query (`?code=…`), asked of the server once it answers. */
async function signInQuery() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const answer = await fetch(`${serverUrl}/api/sign-in-links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      if (answer.ok) return new URL((await answer.json()).url).search;
      if (answer.status === 401) return null;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

const query = external !== undefined && !process.env.HITSCOPE_TOKEN ? null : await signInQuery();
const signIn = query ?? 'sign-in  (paste the server token there)';
process.stdout.write(
  `\ndev: capture server ${serverUrl} (trackers: ${serverUrl}/matomo.php)\n` +
    `dev: open the UI with hot reload at http://localhost:5173/${signIn}\n` +
    '     (or at the address Vite prints, if port 5173 was taken; the link works once)\n\n',
);
