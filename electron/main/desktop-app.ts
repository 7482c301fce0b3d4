// The desktop app's life: one instance, the capture server in-process on the configured
// port, a hardened window on the server's origin, the native menu and the bridge, and a
// quit that waits for the server to flush. Each step lives in its own module; this one
// only wires them in order.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import type { CaptureServer, ServerOptions } from '../server/contracts';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/api/desktop-bridge';
import { originOf } from './app-origin';
import { registerBridgeHandlers } from './bridge-handlers';
import { loadDesktopSettings, saveDesktopSettings } from './desktop-settings';
import { docLinkUrl } from './doc-links';
import { aboutText, buildMenuTemplate } from './menu';
import { isPortFree, startOnChosenPort } from './port-choice';
import { denyAllPermissions, installContentsGuard } from './security';
import { installShutdown } from './shutdown';
import { claimSingleInstance } from './single-instance';
import { mainWindowOptions, showUi } from './window';

export interface DesktopAppOptions {
  /** Starts the capture server (electron/server); injected so tests need no real server. */
  startServer(options: ServerOptions): Promise<CaptureServer>;
  /** Server options besides port, data folder, token and UI folder. */
  serverDefaults: Omit<ServerOptions, 'port' | 'dataDir' | 'token' | 'uiDir' | 'host'>;
  env: Record<string, string | undefined>;
}

export const APP_NAME = 'Hitscope';
const HOST = '127.0.0.1';

export interface RunningApp {
  server: CaptureServer;
  window: BrowserWindow;
}

/** Runs the app; resolves once the window shows the UI, or null when the app quits early. */
export async function runDesktopApp(options: DesktopAppOptions): Promise<RunningApp | null> {
  const { env } = options;
  // Tests and portable setups point the app at another folder; set before the lock, which
  // is held per user-data folder.
  if (env.HITSCOPE_USER_DATA_DIR) app.setPath('userData', resolve(env.HITSCOPE_USER_DATA_DIR));
  // Every renderer sandboxed, whatever options a window is created with (before ready).
  app.enableSandbox();
  let window: BrowserWindow | null = null;
  let appOrigin: string | null = null;

  if (!claimSingleInstance(app, () => window)) {
    app.quit();
    return null;
  }
  installContentsGuard(
    app,
    () => appOrigin,
    (url) => void shell.openExternal(url),
  );
  await app.whenReady();
  denyAllPermissions(session.defaultSession);

  const userData = app.getPath('userData');
  const { settings, warnings } = await loadDesktopSettings(userData, env);
  for (const warning of warnings) console.warn(`hitscope: ${warning}`);

  const appRoot = app.getAppPath();
  const token = env.HITSCOPE_TOKEN || randomBytes(32).toString('base64url');
  const server = await startOnChosenPort(settings.port, {
    host: HOST,
    isFree: isPortFree,
    ask: (box) => dialog.showMessageBox(box),
    remember: (port) => saveDesktopSettings(userData, { ...settings, port }),
    start: (port) =>
      options.startServer({
        ...options.serverDefaults,
        host: HOST,
        port,
        dataDir: join(userData, 'data'),
        token,
        uiDir: join(appRoot, 'dist', 'renderer'),
      }),
  });
  if (server === null) {
    app.quit();
    return null;
  }
  appOrigin = originOf(server.url);
  installShutdown(app, {
    close: () => server.close(),
    onError: (error) => console.error('hitscope: could not stop the capture server cleanly', error),
  });

  const appInfo = () => ({
    version: app.getVersion(),
    dataDir: server.dataDir,
    trackerUrl: server.trackerUrl,
  });
  registerBridgeHandlers({
    appOrigin: () => appOrigin,
    window: () => window,
    appInfo,
    onRefused: (channel, reason) => console.warn(`hitscope: refused ${channel}: ${reason}`),
  });

  const sendCommand = (command: MenuCommand) => {
    if (window && !window.isDestroyed()) window.webContents.send(MENU_COMMAND_CHANNEL, command);
  };
  const development = !app.isPackaged;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { platform: process.platform, development, appName: APP_NAME },
        {
          sendCommand,
          openDataFolder: () => shell.showItemInFolder(server.dataDir),
          openDocumentation: (id) => void shell.openExternal(docLinkUrl(id)),
          showAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: `About ${APP_NAME}`,
              ...aboutText({ appName: APP_NAME, ...appInfo() }),
              buttons: ['OK'],
            }),
        },
      ),
    ),
  );

  const created = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(appRoot, 'dist', 'electron', 'preload.cjs'),
      trackerUrl: server.trackerUrl,
      devTools: development,
    }),
  );
  window = created;
  created.on('closed', () => {
    window = null;
  });
  await showUi(created, server.uiUrl);
  return { server, window: created };
}

/** Shows why the app cannot run and exits with a failure code. */
export function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('hitscope: could not start', error);
  dialog.showErrorBox(`${APP_NAME} could not start`, message);
  app.exit(1);
}
