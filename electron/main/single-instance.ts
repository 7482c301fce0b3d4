// One app per user-data folder: a second launch would find the capture port taken and the
// data file in use. The second process quits at once and the first one comes to the front.
import type { App, BrowserWindow } from 'electron';

/** Restores, shows and focuses a window that may be minimized or hidden. */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Takes the single-instance lock. False means another instance holds it: the caller quits.
 * When a later instance starts, `window()` is focused.
 */
export function claimSingleInstance(app: App, window: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focusWindow(window()));
  return true;
}
