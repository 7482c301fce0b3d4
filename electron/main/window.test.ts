import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeBrowserWindow, fakeEvent } from './testing/fake-electron';
import { mainWindowOptions, showUi, windowTitle } from './window';

const TRACKER = 'http://127.0.0.1:8765/matomo.php';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({
    preloadPath: '/app/preload.cjs',
    trackerUrl: TRACKER,
    devTools: false,
  });

  it('puts the tracker URL in the title', () => {
    expect(options.title).toBe(windowTitle(TRACKER));
    expect(options.title).toContain(TRACKER);
  });

  it('hardens the web preferences', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('stays hidden until the UI is ready to show', () => {
    expect(options.show).toBe(false);
  });
});

describe('showUi', () => {
  it('loads the UI URL, keeps the title and shows the window when ready', async () => {
    const win = new FakeBrowserWindow({});
    await showUi(win as unknown as BrowserWindow, 'http://127.0.0.1:8765/?token=t');
    expect(win.loadURL).toHaveBeenCalledWith('http://127.0.0.1:8765/?token=t');
    const titleEvent = fakeEvent();
    win.emit('page-title-updated', titleEvent, 'Hitscope UI');
    expect(titleEvent.defaultPrevented).toBe(true);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});
