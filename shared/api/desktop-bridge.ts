// The one contract of the desktop bridge: what the Electron preload exposes on
// `window.hitscope`, the IPC channels behind it and the argument and return types.
// The preload implements `DesktopBridgeApi` exactly; the main process registers one
// handler per invoke channel; the renderer sees `DesktopBridge`, where every function
// is optional, and feature-checks each one (a plain browser has none of them and falls
// back to downloads and file inputs, docs/architecture.md#desktop-shell).

/** Name of the global the preload defines: `window.hitscope`. */
export const DESKTOP_BRIDGE_KEY = 'hitscope';

/** A file type choice of a native dialog, e.g. `{ name: 'NDJSON', extensions: ['ndjson'] }`. */
export interface FileFilter {
  name: string;
  /** Extensions without the dot. */
  extensions: string[];
}

export interface SaveFileRequest {
  /** File name proposed in the dialog (a name, not a path). */
  suggestedName: string;
  /** Text written as UTF-8. */
  content: string;
  filters?: FileFilter[];
}

/** What was saved: the chosen file's name (not its full path). */
export interface SavedFile {
  name: string;
}

export interface OpenFileRequest {
  filters?: FileFilter[];
}

/** A file the user picked, read as UTF-8 text. */
export interface OpenedFile {
  name: string;
  content: string;
}

export interface AppInfo {
  /** The app's version (package.json). */
  version: string;
  /** Folder holding captured hits and settings. */
  dataDir: string;
  /** Where trackers send hits, e.g. http://127.0.0.1:8765/matomo.php */
  trackerUrl: string;
}

/** Native menu commands that the UI carries out (main sends them, the renderer reacts). */
export const MENU_COMMANDS = [
  'export-hits',
  'import-hits',
  'clear-hits',
  'toggle-log-pane',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Every function the preload exposes, all present inside the desktop app. */
export interface DesktopBridgeApi {
  /** Native save dialog, then writes `content`; null when the user cancels. */
  saveFile(request: SaveFileRequest): Promise<SavedFile | null>;
  /** Native open dialog, then reads the file as text; null when the user cancels. */
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /** Shows the data folder in the system file manager. */
  revealDataFolder(): Promise<void>;
  appInfo(): Promise<AppInfo>;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The renderer's view: any function may be missing (browser, older app). */
export type DesktopBridge = Partial<DesktopBridgeApi>;

/** Request/response functions of the bridge, each backed by one `ipcRenderer.invoke` channel. */
export type DesktopInvokeName = Exclude<keyof DesktopBridgeApi, 'onMenuCommand'>;

/** IPC channel per invoke function (main: `ipcMain.handle`, preload: `ipcRenderer.invoke`). */
export const DESKTOP_INVOKE_CHANNELS = {
  saveFile: 'hitscope:save-file',
  openFile: 'hitscope:open-file',
  revealDataFolder: 'hitscope:reveal-data-folder',
  appInfo: 'hitscope:app-info',
} as const satisfies Record<DesktopInvokeName, string>;

/** Channel on which main sends a `MenuCommand` to the window (`webContents.send`). */
export const MENU_COMMAND_CHANNEL = 'hitscope:menu-command';

/** Argument and result of each invoke function, derived from `DesktopBridgeApi`. */
export type DesktopInvokeArgs<K extends DesktopInvokeName> = Parameters<DesktopBridgeApi[K]>;
export type DesktopInvokeResult<K extends DesktopInvokeName> = Awaited<
  ReturnType<DesktopBridgeApi[K]>
>;

/**
 * The bridge of a global object (pass `window`): `{}` when there is none, so callers
 * write `desktopBridgeOf(window).saveFile?.(…)` or feature-check before offering a button.
 */
export function desktopBridgeOf(host: object): DesktopBridge {
  const bridge = (host as { [DESKTOP_BRIDGE_KEY]?: unknown })[DESKTOP_BRIDGE_KEY];
  return typeof bridge === 'object' && bridge !== null ? (bridge as DesktopBridge) : {};
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
