// The built desktop bundles where no Electron binary exists: dist/electron/main.cjs runs
// under a stand-in 'electron' module (e2e/support/electron-stand-in.mjs) with the real
// capture server, and dist/electron/preload.cjs runs in a VM with only 'electron' to
// require, as in a sandboxed renderer. Catches what unit tests of the sources cannot:
// CommonJS bundling, paths resolved from the bundle, the UI served to the window, the
// quit that flushes. Runs in the browser project only (the electron project runs the app).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs');
const PRELOAD = join(ROOT, 'dist', 'electron', 'preload.cjs');
const STAND_IN = join(ROOT, 'e2e', 'support', 'electron-stand-in.mjs');

interface StandInEvent {
  event: string;
  [key: string]: unknown;
}

/** The app's reports, and a way to wait for one. */
function watch(child: ChildProcessWithoutNullStreams) {
  const events: StandInEvent[] = [];
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.startsWith('stand-in ')) events.push(JSON.parse(line.slice('stand-in '.length)));
    waiters.splice(0).forEach((wake) => wake());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const find = (name: string) => events.find((e) => e.event === name);
  return {
    events,
    output: () => output,
    async next(name: string): Promise<StandInEvent> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = find(name);
        if (found) return found;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no "${name}" from the desktop bundle:\n${output}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 250);
        });
      }
    },
  };
}

test.beforeAll(() => {
  for (const file of [MAIN, PRELOAD])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
});

test('the main bundle starts the server, shows its UI hardened, and flushes hits on quit', async ({
  page,
}) => {
  const userData = await mkdtemp(join(tmpdir(), 'hitscope-bundle-'));
  const child = spawn(process.execPath, ['--import', STAND_IN, MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      HITSCOPE_USER_DATA_DIR: userData,
      HITSCOPE_PORT: '0',
      HITSCOPE_TOKEN: 'bundle-token',
    },
  });
  const app = watch(child);
  try {
    const { url } = (await app.next('load-url')) as { url: string } & StandInEvent;
    const { options } = (await app.next('window')) as {
      options: { title: string; webPreferences: Record<string, unknown> };
    } & StandInEvent;
    const origin = new URL(url).origin;
    // A one-time sign-in code, never the token, so no history holds it.
    expect(url).toMatch(new RegExp(`^${origin}/\\?code=[\\w-]{20,}$`));
    expect(options.title).toContain(`${origin}/matomo.php`);
    expect(options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(app.events.map((e) => e.event)).toEqual(
      expect.arrayContaining([
        'enable-sandbox',
        'permission-request-handler',
        'permission-check-handler',
      ]),
    );
    expect(app.events.filter((e) => e.event === 'ipc-handle')).toHaveLength(4);
    expect((await app.next('menu')).labels).toEqual(['&File', '&Edit', '&View', '&Help']);

    // The window's URL shows the UI built into dist/renderer, served by the bundled server.
    await page.goto(url);
    await expect(page.locator('[data-ready="true"]')).toBeVisible({ timeout: 15_000 });

    const marker = `bundle-${Date.now()}`;
    const hit = await fetch(`${origin}/matomo.php?idsite=1&rec=1&action_name=${marker}`);
    expect(hit.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.write('quit\n');
    expect(await exited, app.output()).toBe(0);
    expect(app.events.find((e) => e.event === 'before-quit')).toMatchObject({ prevented: true });
    const dataDir = join(userData, 'data');
    const files = (await readdir(dataDir)).filter((file) => file.endsWith('.ndjson'));
    const stored = await Promise.all(files.map((file) => readFile(join(dataDir, file), 'utf8')));
    expect(stored.join('\n')).toContain(marker);
  } finally {
    child.kill('SIGKILL');
    await rm(userData, { recursive: true, force: true });
  }
});

test('the preload bundle exposes the bridge with nothing but electron to require', async () => {
  const code = await readFile(PRELOAD, 'utf8');
  const exposed: Record<string, Record<string, unknown>> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api),
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => invoked.push(args),
      on() {},
      removeListener() {},
    },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
  expect(Object.keys(exposed)).toEqual(['hitscope']);
  expect(Object.keys(exposed.hitscope ?? {}).sort()).toEqual([
    'appInfo',
    'onMenuCommand',
    'openFile',
    'revealDataFolder',
    'saveFile',
  ]);
  await (exposed.hitscope?.appInfo as () => Promise<unknown>)();
  expect(invoked).toEqual([['hitscope:app-info']]);
});
