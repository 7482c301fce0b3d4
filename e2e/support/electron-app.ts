// Runs the built desktop app under Playwright's Electron support for the `electron` project.
//
// Electron's binary is downloaded on first use, and that download is impossible on closed
// networks. So nothing here requires the 'electron' package before checking, from files
// alone, that the binary is in place (node_modules/electron/path.txt names it inside
// node_modules/electron/dist, or under ELECTRON_OVERRIDE_DIST_PATH); when it is not, the
// fixtures skip every test of the project with this reason instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { _electron, test, type ElectronApplication, type Page } from '@playwright/test';
import type { RunningHitscope } from './hitscope-server';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_DIR = join(PROJECT_ROOT, 'node_modules', 'electron');

export const ELECTRON_PROJECT = 'electron';

const HOW_TO_INSTALL =
  'Install it where Electron can be downloaded (Node.js 22.12 or later): ' +
  '`node node_modules/electron/install.js` (or `npx install-electron`), then ' +
  '`npm run build && npx playwright test --project=electron`.';

/**
 * Path of the Electron executable, or why there is none. Follows the electron package's own
 * lookup (index.js) without running it, so it never downloads anything.
 */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  electronDir: string = ELECTRON_DIR,
): { path: string } | { missing: string } {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && relative === null)
    return {
      missing: `No Electron binary: ${pathFile} is missing (the binary is downloaded on first use). ${HOW_TO_INSTALL}`,
    };
  const binary = override
    ? join(override, relative ?? 'electron')
    : join(electronDir, 'dist', relative ?? '');
  if (!existsSync(binary))
    return { missing: `No Electron binary: ${binary} does not exist. ${HOW_TO_INSTALL}` };
  return { path: binary };
}

/** Why the desktop app cannot run here, or null when it can. */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const binary = findElectronBinary(env);
  if ('missing' in binary) return binary.missing;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return 'No display for the Electron window: run under a display server, e.g. `xvfb-run npx playwright test --project=electron`.';
  return null;
}

export interface DesktopApp {
  electronApp: ElectronApplication;
  /** The app window, showing the UI. */
  page: Page;
  server: DesktopServer;
  /** Quits the app: the server flushes first. Keeps the user-data folder. */
  quit(): Promise<void>;
  /** Quits the app and removes its user-data folder. */
  close(): Promise<void>;
}

/** The capture server inside the desktop app, shaped like a `hitscope serve` process. */
export interface DesktopServer extends RunningHitscope {
  port: number;
  host: string;
}

export interface LaunchOptions {
  /** Reuse a user-data folder (restart on the same data); a fresh one by default. */
  userDataDir?: string;
  token?: string;
}

const BUILT_FILES = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
];

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

/**
 * Starts the built desktop app with a user-data folder of its own, any free port and a known
 * token, and waits until its window shows the UI.
 */
export async function launchDesktopApp(options: LaunchOptions = {}): Promise<DesktopApp> {
  const missing = BUILT_FILES.filter((file) => !existsSync(join(PROJECT_ROOT, file)));
  if (missing.length > 0)
    throw new Error(`The desktop app is not built (${missing.join(', ')}): run \`npm run build\``);
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'hitscope-e2e-desktop-')));
  const token = options.token ?? randomBytes(18).toString('base64url');
  // The binary is known to exist (electronSkipReason), so Playwright's default launch,
  // which resolves it through the electron package, downloads nothing.
  const electronApp = await _electron.launch({
    args: [PROJECT_ROOT],
    cwd: PROJECT_ROOT,
    env: {
      ...processEnv(),
      HITSCOPE_USER_DATA_DIR: userDataDir,
      HITSCOPE_PORT: '0',
      HITSCOPE_TOKEN: token,
    },
  });
  const log = { text: '' };
  const collect = (chunk: Buffer) => {
    log.text += chunk.toString('utf8');
  };
  electronApp.process().stdout?.on('data', collect);
  electronApp.process().stderr?.on('data', collect);
  const removeUserData = () => rm(userDataDir, { recursive: true, force: true });
  try {
    const page = await electronApp.firstWindow();
    // The first URL carries a one-time code; the server answers with the cookie and a redirect.
    await page.waitForURL((url) => url.protocol === 'http:' && !url.searchParams.has('code'));
    const address = new URL(page.url());
    const baseUrl = address.origin;
    // Idempotent: a spec may quit the app itself before the fixture closes it.
    let quitting: Promise<void> | null = null;
    const quit = () => (quitting ??= electronApp.close());
    const close = async () => {
      await quit();
      await removeUserData();
    };
    const server: DesktopServer = {
      baseUrl,
      port: Number(address.port),
      host: address.hostname,
      token,
      trackerUrl: `${baseUrl}/matomo.php`,
      // The window has spent the app's one-time link; pages sign in with fresh ones.
      uiUrl: baseUrl,
      dataDir: join(userDataDir, 'data'),
      output: () => log.text,
      stop: close,
      async restart() {
        // The server lives in the app: restarting it means a new app with a new window,
        // which a spec's `app` page (the old window) does not follow. Say so instead of
        // failing on a closed page.
        const reason = 'The desktop app restarts its server only by restarting itself';
        test.skip(true, reason);
        throw new Error(reason);
      },
    };
    desktopWindows.set(server, page);
    return { electronApp, page, server, quit, close };
  } catch (error) {
    await electronApp.close().catch(() => {});
    if (!options.userDataDir) await removeUserData();
    throw new Error(`The desktop app did not show its UI: ${String(error)}\n${log.text}`, {
      cause: error,
    });
  }
}

const desktopWindows = new WeakMap<RunningHitscope, Page>();

/** The window of a desktop-app server, or undefined for a `hitscope serve` process. */
export function desktopWindowOf(server: RunningHitscope): Page | undefined {
  return desktopWindows.get(server);
}
