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
import { _electron, type ElectronApplication, type Page } from '@playwright/test';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_DIR = join(PROJECT_ROOT, 'node_modules', 'electron');

export const ELECTRON_PROJECT = 'electron';

const HOW_TO_INSTALL =
  'Install it where Electron can be downloaded (Node.js 22.12 or later): ' +
  '`node node_modules/electron/install.js` (or `npx install-electron`), then ' +
  '`npm run build && npx playwright test --project=electron`.';

/** Path of the Electron executable, or why there is none. Never downloads anything. */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  electronDir: string = ELECTRON_DIR,
): { path: string } | { missing: string } {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing: `No Electron binary: ${pathFile} is missing (the binary is downloaded on first use). ${HOW_TO_INSTALL}`,
    };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
  const binary = join(distDir, relative);
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

/** What the specs know about the capture server inside the desktop app. */
export interface DesktopServer {
  url: string;
  port: number;
  host: string;
  token: string;
  trackerUrl: string;
  uiUrl: string;
  dataDir: string;
}

export interface DesktopApp {
  electronApp: ElectronApplication;
  /** The app window, showing the UI. */
  page: Page;
  server: DesktopServer;
  /** Quits the app (the server flushes first) and removes its user-data folder. */
  close(): Promise<void>;
}

const BUILT_FILES = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
];

/**
 * Starts the built desktop app with a fresh user-data folder, any free port and a known
 * token, and waits until its window shows the UI.
 */
export async function launchDesktopApp(): Promise<DesktopApp> {
  const missing = BUILT_FILES.filter((file) => !existsSync(join(PROJECT_ROOT, file)));
  if (missing.length > 0)
    throw new Error(`The desktop app is not built (${missing.join(', ')}): run \`npm run build\``);
  const userDataDir = await mkdtemp(join(tmpdir(), 'hitscope-e2e-desktop-'));
  const token = randomBytes(18).toString('base64url');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // The binary is known to exist (electronSkipReason), so Playwright's default launch,
  // which resolves it through the electron package, downloads nothing.
  const electronApp = await _electron.launch({
    args: [PROJECT_ROOT],
    cwd: PROJECT_ROOT,
    env: {
      ...env,
      HITSCOPE_USER_DATA_DIR: userDataDir,
      HITSCOPE_PORT: '0',
      HITSCOPE_TOKEN: token,
    },
  });
  try {
    const page = await electronApp.firstWindow();
    // The first URL carries the token; the server answers with the cookie and a redirect.
    await page.waitForURL((url) => url.protocol === 'http:' && !url.searchParams.has('token'));
    const origin = new URL(page.url());
    const url = origin.origin;
    const server: DesktopServer = {
      url,
      port: Number(origin.port),
      host: origin.hostname,
      token,
      trackerUrl: `${url}/matomo.php`,
      uiUrl: `${url}/?token=${token}`,
      dataDir: join(userDataDir, 'data'),
    };
    return {
      electronApp,
      page,
      server,
      close: async () => {
        await electronApp.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await electronApp.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
