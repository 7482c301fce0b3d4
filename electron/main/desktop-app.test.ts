import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import * as electron from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_INVOKE_CHANNELS, MENU_COMMAND_CHANNEL } from '../../shared/api/desktop-bridge';
import type { CaptureServer, ServerOptions } from '../server/contracts';
import { DEFAULT_LIMITS } from '../server/settings-validation';
import { failStartup, runDesktopApp, type DesktopAppOptions } from './desktop-app';
import { DOC_LINKS } from './doc-links';
import {
  FakeWebContents,
  asFake,
  fakeEvent,
  resetFakeElectron,
  type FakeBrowserWindow,
} from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).createFakeElectron());

const fake = asFake(electron);
const flush = () => new Promise((resolve) => setImmediate(resolve));

function fakeServer(options: ServerOptions): CaptureServer & { close: ReturnType<typeof vi.fn> } {
  const port = options.port === 0 ? 40_123 : options.port;
  const url = `http://${options.host}:${port}`;
  return {
    url,
    port,
    host: options.host,
    token: options.token,
    trackerUrl: `${url}/matomo.php`,
    uiUrl: `${url}/?token=${options.token}`,
    dataDir: options.dataDir,
    close: vi.fn(async () => {}),
  };
}

let userData: string;
let busy: Server | null;
let startServer: ReturnType<typeof vi.fn<(options: ServerOptions) => Promise<CaptureServer>>>;

function options(env: Record<string, string> = {}): DesktopAppOptions {
  return {
    startServer,
    serverDefaults: {
      debugMode: 'off',
      maxHits: 100_000,
      logLevel: 'info',
      logToStderr: false,
      limits: DEFAULT_LIMITS,
    },
    env: { HITSCOPE_USER_DATA_DIR: userData, HITSCOPE_PORT: '0', ...env },
  };
}

async function run(env: Record<string, string> = {}) {
  const running = await runDesktopApp(options(env));
  if (!running) throw new Error('the app quit');
  return {
    ...running,
    window: running.window as unknown as FakeBrowserWindow,
    server: running.server as ReturnType<typeof fakeServer>,
  };
}

function menuItem(label: string): MenuItemConstructorOptions {
  const template = fake.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
  for (const menu of template)
    for (const entry of (menu.submenu ?? []) as MenuItemConstructorOptions[])
      if (entry.label === label) return entry;
  throw new Error(`no menu item ${label}`);
}

beforeEach(async () => {
  resetFakeElectron(fake);
  userData = await mkdtemp(join(tmpdir(), 'hitscope-app-'));
  busy = null;
  startServer = vi.fn(async (o: ServerOptions) => fakeServer(o));
});

const signalListeners = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);

afterEach(async () => {
  // The app quits on SIGINT/SIGTERM; drop the listeners each run added.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    for (const listener of process.listeners(signal))
      if (!signalListeners.has(listener)) process.removeListener(signal, listener);
  if (busy) await new Promise((resolve) => busy?.close(resolve));
  await rm(userData, { recursive: true, force: true });
});

describe('runDesktopApp', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(await runDesktopApp(options())).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(startServer).not.toHaveBeenCalled();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', userData);
  });

  it('starts the server in the user-data folder and shows its UI in a hardened window', async () => {
    const { server, window } = await run({ HITSCOPE_TOKEN: 'tok' });
    expect(startServer).toHaveBeenCalledWith(
      expect.objectContaining({
        host: '127.0.0.1',
        port: 0,
        token: 'tok',
        dataDir: join(userData, 'data'),
        uiDir: join('/fake/app', 'dist', 'renderer'),
      }),
    );
    expect(window.options.title).toContain(server.trackerUrl);
    expect(window.options.webPreferences).toMatchObject({
      preload: join('/fake/app', 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: true,
    });
    expect(window.loadURL).toHaveBeenCalledWith(server.uiUrl);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      Object.values(DESKTOP_INVOKE_CHANNELS).sort(),
    );
  });

  it('makes a fresh random token per run when none is given', async () => {
    await run();
    await flush();
    resetFakeElectron(fake);
    await run();
    const tokens = startServer.mock.calls.map((c) => c[0].token);
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('turns off developer tools in a packaged app', async () => {
    fake.app.isPackaged = true;
    const { window } = await run();
    expect((window.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
  });

  it('denies permissions and guards every later web contents to the server origin', async () => {
    const { server } = await run();
    expect(
      fake.session.defaultSession.permissionCheckHandler?.(null, 'media', server.url, {}),
    ).toBe(false);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    const foreign = fakeEvent({ url: 'https://evil.test/' });
    contents.emit('will-navigate', foreign);
    const own = fakeEvent({ url: `${server.url}/` });
    contents.emit('will-navigate', own);
    expect(foreign.defaultPrevented).toBe(true);
    expect(own.defaultPrevented).toBe(false);
  });

  it('closes the server before the process exits', async () => {
    const { server } = await run();
    let exitedBeforeClose = false;
    server.close.mockImplementation(async () => {
      await flush();
      exitedBeforeClose = fake.app.exit.mock.calls.length > 0;
    });
    const quit = fakeEvent();
    fake.app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await flush();
    await flush();
    expect(server.close).toHaveBeenCalledTimes(1);
    expect(exitedBeforeClose).toBe(false);
    expect(fake.app.exit).toHaveBeenCalledWith(0);
  });

  it('sends UI menu commands to the window and opens only fixed documentation URLs', async () => {
    const { window } = await run();
    (menuItem('Toggle Log Pane').click as () => void)();
    expect(window.webContents.send).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, 'toggle-log-pane');
    (menuItem(DOC_LINKS.trackingApi.label).click as () => void)();
    expect(fake.shell.openExternal).toHaveBeenCalledWith(DOC_LINKS.trackingApi.url);
    (menuItem('Open Data Folder').click as () => void)();
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(join(userData, 'data'));
  });
});

describe('runDesktopApp on a busy port', () => {
  async function occupy(): Promise<number> {
    busy = createServer();
    await new Promise<void>((resolve) => busy?.listen(0, '127.0.0.1', resolve));
    return (busy.address() as { port: number }).port;
  }

  it('says the port is busy, starts on the free one offered and remembers it if asked', async () => {
    const port = await occupy();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: true });
    const { server } = await run({ HITSCOPE_PORT: String(port) });
    const box = fake.dialog.showMessageBox.mock.calls[0]?.[0] as { message: string };
    expect(box.message).toBe(`Port ${port} is already in use`);
    expect(server.port).toBeGreaterThan(port);
    const saved = JSON.parse(await readFile(join(userData, 'desktop-settings.json'), 'utf8'));
    expect(saved).toEqual({ port: server.port });
  });

  it('quits without starting when the user declines', async () => {
    const port = await occupy();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await runDesktopApp(options({ HITSCOPE_PORT: String(port) }))).toBeNull();
    expect(startServer).not.toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

describe('failStartup', () => {
  it('shows the reason and exits with code 1', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    failStartup(new Error('no space left'));
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'Hitscope could not start',
      'no space left',
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    error.mockRestore();
  });
});
