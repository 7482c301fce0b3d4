import * as electron from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DESKTOP_BRIDGE_KEY,
  DESKTOP_INVOKE_CHANNELS,
  MENU_COMMAND_CHANNEL,
  type DesktopBridgeApi,
  type MenuCommand,
} from '../../shared/api/desktop-bridge';
import { asFake } from '../main/testing/fake-electron';

vi.mock('electron', async () =>
  (await import('../main/testing/fake-electron')).createFakeElectron(),
);

const fake = asFake(electron);
let bridge: DesktopBridgeApi;

beforeAll(async () => {
  await import('./preload');
  const call = fake.contextBridge.exposeInMainWorld.mock.calls[0];
  expect(call?.[0]).toBe(DESKTOP_BRIDGE_KEY);
  bridge = call?.[1] as DesktopBridgeApi;
});

describe('preload', () => {
  it('exposes exactly the functions of the contract on window.hitscope', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(bridge).sort()).toEqual(
      ['appInfo', 'onMenuCommand', 'openFile', 'revealDataFolder', 'saveFile'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes the contract channel of each function with the plain argument', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ name: 'x.csv' } as never);
    const request = { suggestedName: 'x.csv', content: 'a,b', filters: [] };
    await expect(bridge.saveFile(request)).resolves.toEqual({ name: 'x.csv' });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      DESKTOP_INVOKE_CHANNELS.saveFile,
      request,
    );
    await bridge.openFile({ filters: [] });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(DESKTOP_INVOKE_CHANNELS.openFile, {
      filters: [],
    });
    await bridge.revealDataFolder();
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      DESKTOP_INVOKE_CHANNELS.revealDataFolder,
    );
    await bridge.appInfo();
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(DESKTOP_INVOKE_CHANNELS.appInfo);
  });

  it('forwards known menu commands only, without the IPC event, until unsubscribed', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onMenuCommand((...args: unknown[]) => received.push(args));
    const event = { sender: 'ipcRenderer internals' };
    fake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, event, 'toggle-log-pane' satisfies MenuCommand);
    fake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, event, 'rm -rf /');
    fake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, event, { command: 'clear-hits' });
    expect(received).toEqual([['toggle-log-pane']]);
    unsubscribe();
    fake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, event, 'clear-hits');
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(MENU_COMMAND_CHANNEL)).toBe(0);
  });
});
