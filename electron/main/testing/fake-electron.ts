// A stand-in for the 'electron' module in unit tests: the Electron binary cannot be
// downloaded everywhere, and main-process logic must be testable without it. Tests use
//   vi.mock('electron', async () => (await import('./testing/fake-electron')).createFakeElectron());
// then `import * as electron from 'electron'` and `asFake(electron)` to drive it.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) listener(...args);
    return list.length > 0;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

/** An Electron-style event: `preventDefault()` is recorded, extra fields are merged in. */
export function fakeEvent<T extends object>(fields: T = {} as T) {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...fields,
  };
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  displayMediaRequestHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null) {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: Listener | null) {
    this.displayMediaRequestHandler = handler;
  }
}

export class FakeWebContents extends FakeEmitter {
  session = new FakeSession();
  windowOpenHandler: Listener | null = null;
  send = vi.fn();
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
}

export function createFakeElectron() {
  const paths: Record<string, string> = {
    userData: '/fake/user-data',
    downloads: '/fake/downloads',
  };
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    paths,
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn((name: string) => paths[name] ?? `/fake/${name}`),
    setPath: vi.fn((name: string, value: string) => {
      paths[name] = value;
    }),
    getAppPath: vi.fn(() => '/fake/app'),
    getVersion: vi.fn(() => '9.8.7'),
  });
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, handler: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const ipcRenderer = Object.assign(new FakeEmitter(), { invoke: vi.fn(async () => undefined) });
  return {
    app,
    ipcMain,
    ipcRenderer,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession: new FakeSession() },
    dialog: {
      showSaveDialog: vi.fn(),
      showOpenDialog: vi.fn(),
      showMessageBox: vi.fn(async (_options: object) => ({ response: 0, checkboxChecked: false })),
      showErrorBox: vi.fn(),
    },
    shell: { showItemInFolder: vi.fn(), openExternal: vi.fn(async () => {}), openPath: vi.fn() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Back to a fresh state between tests that share one mocked module. */
export function resetFakeElectron(fake: FakeElectron): void {
  vi.clearAllMocks();
  fake.app.removeAllListeners();
  fake.ipcMain.handlers.clear();
  fake.ipcRenderer.removeAllListeners();
  fake.session.defaultSession = new FakeSession();
  fake.app.isPackaged = false;
  fake.app.paths.userData = '/fake/user-data';
  FakeBrowserWindow.instances.length = 0;
}

/** The mocked module seen through its fake type. */
export function asFake(module: unknown): FakeElectron {
  return module as FakeElectron;
}
