import type { App, BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusWindow } from './single-instance';
import { FakeBrowserWindow, FakeEmitter } from './testing/fake-electron';

function fakeApp(gotLock: boolean) {
  return Object.assign(new FakeEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock) });
}

describe('claimSingleInstance', () => {
  it('tells the second instance to quit and adds no listener', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as unknown as App, () => null)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the existing window to the front when another instance starts', () => {
    const app = fakeApp(true);
    const win = new FakeBrowserWindow({});
    win.minimized = true;
    expect(claimSingleInstance(app as unknown as App, () => win as unknown as BrowserWindow)).toBe(
      true,
    );
    app.emit('second-instance', {}, ['hitscope'], '/', {});
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('copes with a second instance before the window exists', () => {
    const app = fakeApp(true);
    claimSingleInstance(app as unknown as App, () => null);
    expect(() => app.emit('second-instance', {}, [], '/', {})).not.toThrow();
  });
});

describe('focusWindow', () => {
  it('leaves destroyed windows alone and does not restore a visible one', () => {
    const gone = new FakeBrowserWindow({});
    gone.destroyed = true;
    focusWindow(gone as unknown as BrowserWindow);
    expect(gone.focus).not.toHaveBeenCalled();
    const open = new FakeBrowserWindow({});
    focusWindow(open as unknown as BrowserWindow);
    expect(open.restore).not.toHaveBeenCalled();
    expect(open.focus).toHaveBeenCalled();
  });
});
