// Hardening of every web contents the app creates, after Electron's security checklist.
//
// Threat model: the window shows the UI served by the capture server, and that UI renders
// values captured from any tracker on the machine (or the LAN with --host 0.0.0.0). Those
// values are hostile. If one ever escaped text rendering (XSS), the attacker would hold a
// page inside the app. These guards keep such a page as powerless as a browser tab:
// - no Node.js, an isolated preload world and the OS sandbox (renderer cannot reach main
//   except through the few bridge functions, whose handlers check the sender);
// - no navigation or redirect away from the app origin, no new windows, no <webview>;
// - every permission (camera, notifications, clipboard read, USB, …) denied, both the
//   request and the silent check;
// - the same rules for any other web contents that appears (web-contents-created).
import type {
  App,
  Session,
  WebContents,
  WebPreferences,
  WindowOpenHandlerResponse,
} from 'electron';
import { isAppUrl } from './app-origin';
import { isDocLinkUrl } from './doc-links';

/** Web preferences of the app window. Every security-relevant flag is explicit. */
export function secureWebPreferences(options: {
  preloadPath: string;
  devTools: boolean;
}): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/**
 * Locks one web contents to the app origin: navigation, redirects, popups, webviews. A link
 * the page opens in a new window is refused too; only a URL of the fixed documentation table
 * (doc-links.ts, e.g. Matomo's Tracking API page linked from the issue reference) is handed
 * to `openDocLink`, which opens it in the system browser.
 */
export function guardWebContents(
  contents: WebContents,
  appOrigin: () => string | null,
  openDocLink?: (url: string) => void,
): void {
  const blockForeign = (event: { preventDefault(): void; url: string }): void => {
    const origin = appOrigin();
    if (origin === null || !isAppUrl(event.url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  // The UI never opens windows of its own.
  contents.setWindowOpenHandler(({ url }): WindowOpenHandlerResponse => {
    if (openDocLink && isDocLinkUrl(url)) openDocLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request and check, and every device and display capture. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

/**
 * Applies the guards to every web contents the app ever creates (the window, devtools,
 * anything a future feature adds) and the permission rules to each one's session.
 */
export function installContentsGuard(
  app: App,
  appOrigin: () => string | null,
  openDocLink?: (url: string) => void,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, appOrigin, openDocLink);
    denyAllPermissions(contents.session);
  });
}
