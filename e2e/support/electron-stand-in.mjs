// A stand-in for the 'electron' module, loaded with `node --import` before the bundled
// dist/electron/main.cjs, so the desktop bundle runs where no Electron binary exists: it
// starts the real capture server and goes through the whole life of the app. It reports
// what the app does as `stand-in {json}` lines on stdout, and quits the app when a `quit`
// line arrives on stdin (as the user's Quit would). Used by e2e/bundle/desktop-bundle.spec.ts.
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { createInterface } from 'node:readline';

const report = (event, fields = {}) =>
  process.stdout.write(`stand-in ${JSON.stringify({ event, ...fields })}\n`);

const session = {
  setPermissionRequestHandler: () => report('permission-request-handler'),
  setPermissionCheckHandler: () => report('permission-check-handler'),
  setDevicePermissionHandler: () => {},
  setDisplayMediaRequestHandler: () => {},
};

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: () => report('enable-sandbox'),
  requestSingleInstanceLock: () => true,
  whenReady: async () => {},
  setPath: (name, value) => report('set-path', { name, value }),
  getPath: (name) => (name === 'userData' ? process.env.HITSCOPE_USER_DATA_DIR : process.cwd()),
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0-stand-in',
  quit() {
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    report('before-quit', { prevented });
  },
  exit(code) {
    report('exit', { code });
    process.exit(code);
  },
});

class WebContents extends EventEmitter {
  session = session;
  setWindowOpenHandler() {}
  send(channel, ...args) {
    report('send', { channel, args });
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
    report('window', { options });
  }
  async loadURL(url) {
    report('load-url', { url });
  }
  isDestroyed() {
    return false;
  }
}

const standIn = {
  app,
  BrowserWindow,
  session: { defaultSession: session },
  ipcMain: { handle: (channel) => report('ipc-handle', { channel }), removeHandler() {} },
  dialog: {
    showMessageBox: async () => ({ response: 1, checkboxChecked: false }),
    showErrorBox: (title, message) => report('error-box', { title, message }),
  },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) =>
      report('menu', { labels: menu.map((item) => item.label ?? item.role) }),
  },
  shell: { showItemInFolder() {}, openExternal: async () => {} },
};

// Serve `require('electron')` from the bundle with the stand-in.
const id = '/hitscope-electron-stand-in.cjs';
const standInModule = new Module(id);
standInModule.filename = id;
standInModule.loaded = true;
standInModule.exports = standIn;
Module._cache[id] = standInModule;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? id : resolveFilename.call(this, request, ...rest);
};

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'quit') app.quit();
});
