// The app window: loads the UI from the capture server's own origin (the run's token in the
// first URL becomes an HttpOnly cookie, docs/architecture.md#security) and keeps the tracker URL in
// the title bar, where users copy it from.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  trackerUrl: string;
  devTools: boolean;
}

export function windowTitle(trackerUrl: string): string {
  return `Hitscope — ${trackerUrl}`;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: windowTitle(options.trackerUrl),
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options),
  };
}

/** Shows the window when ready, keeps the title, and loads the UI. */
export function showUi(win: BrowserWindow, uiUrl: string): Promise<void> {
  // The page's <title> would replace the tracker URL in the title bar.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win.loadURL(uiUrl);
}
