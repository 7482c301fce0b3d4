// The preload of the app window: exposes exactly the functions of the desktop bridge
// contract (shared/api/desktop-bridge.ts) on `window.hitscope`, nothing generic.
//
// Threat model: the page renders hostile captured values. It gets no ipcRenderer, no
// channel names of its choosing and no Electron event objects (they would carry `sender`):
// only fixed functions with plain arguments, and menu commands checked against the list.
// Main checks the sending frame and the arguments again. Runs sandboxed, bundled as
// CommonJS (scripts/build-node.mjs).
import { contextBridge, ipcRenderer } from 'electron';
import {
  DESKTOP_BRIDGE_KEY,
  DESKTOP_INVOKE_CHANNELS,
  MENU_COMMAND_CHANNEL,
  isMenuCommand,
  type DesktopBridgeApi,
  type MenuCommand,
} from '../../shared/api/desktop-bridge';

export const desktopBridge: DesktopBridgeApi = {
  saveFile: (request) => ipcRenderer.invoke(DESKTOP_INVOKE_CHANNELS.saveFile, request),
  openFile: (request) => ipcRenderer.invoke(DESKTOP_INVOKE_CHANNELS.openFile, request),
  revealDataFolder: () => ipcRenderer.invoke(DESKTOP_INVOKE_CHANNELS.revealDataFolder),
  appInfo: () => ipcRenderer.invoke(DESKTOP_INVOKE_CHANNELS.appInfo),
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const forward = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, desktopBridge);
