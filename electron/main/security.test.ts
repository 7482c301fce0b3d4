import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  denyAllPermissions,
  guardWebContents,
  installContentsGuard,
  secureWebPreferences,
} from './security';
import { FakeEmitter, FakeSession, FakeWebContents, fakeEvent } from './testing/fake-electron';

const APP = 'http://127.0.0.1:8765';

function guarded(origin: string | null = APP) {
  const contents = new FakeWebContents();
  guardWebContents(contents as unknown as WebContents, () => origin);
  return contents;
}

function navigate(contents: FakeWebContents, event: string, url: string): boolean {
  const e = fakeEvent({ url });
  contents.emit(event, e, url);
  return e.defaultPrevented;
}

describe('secureWebPreferences', () => {
  it('sets every hardening flag explicitly', () => {
    const prefs = secureWebPreferences({ preloadPath: '/p/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });

  it('enables developer tools only when asked', () => {
    expect(secureWebPreferences({ preloadPath: 'x', devTools: true }).devTools).toBe(true);
  });
});

describe('guardWebContents', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${event}: allows the app origin`, () => {
      expect(navigate(guarded(), event, `${APP}/`)).toBe(false);
      expect(navigate(guarded(), event, `${APP}/?token=abc`)).toBe(false);
    });

    it(`${event}: blocks other origins, look-alikes and other schemes`, () => {
      for (const url of [
        'https://example.org/',
        'http://127.0.0.1:87650/',
        'http://127.0.0.1:8765.evil.test/',
        'http://localhost:8765/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'not a url',
      ]) {
        expect(navigate(guarded(), event, url), url).toBe(true);
      }
    });

    it(`${event}: blocks everything while the app origin is unknown`, () => {
      expect(navigate(guarded(null), event, `${APP}/`)).toBe(true);
    });
  }

  it('denies every new window, even one on the app origin', () => {
    const contents = guarded();
    for (const url of [`${APP}/`, 'https://example.org/', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('hands only a fixed documentation URL to the system browser, and still opens no window', () => {
    const opened: string[] = [];
    const contents = new FakeWebContents();
    guardWebContents(
      contents as unknown as WebContents,
      () => APP,
      (url) => opened.push(url),
    );
    const docs = 'https://developer.matomo.org/api-reference/tracking-api';
    for (const url of [
      docs,
      `${docs}?x=1`,
      `${docs}#bulk`,
      'https://developer.matomo.org/evil',
      'http://developer.matomo.org/api-reference/tracking-api',
      'file:///etc/passwd',
      `${APP}/`,
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([docs]);
  });

  it('refuses to attach a webview', () => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  const session = new FakeSession();
  denyAllPermissions(session as unknown as Session);

  it('denies every permission request', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.(
        {},
        permission,
        (granted: boolean) => answers.push(granted),
        {},
      );
      expect(answers, permission).toEqual([false]);
    }
  });

  it('denies every permission check', () => {
    for (const permission of ['media', 'notifications', 'clipboard-sanitized-write', 'hid']) {
      expect(session.permissionCheckHandler?.(null, permission, APP, {}), permission).toBe(false);
    }
  });

  it('denies devices and screen capture', () => {
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    const streams: unknown[] = [];
    session.displayMediaRequestHandler?.({}, (s: unknown) => streams.push(s));
    expect(streams).toEqual([null]);
  });
});

describe('installContentsGuard', () => {
  it('guards every web contents the app creates and denies its permissions', () => {
    const app = new FakeEmitter();
    installContentsGuard(app as unknown as App, () => APP);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(navigate(contents, 'will-navigate', 'https://example.org/')).toBe(true);
    expect(navigate(contents, 'will-navigate', `${APP}/x`)).toBe(false);
    expect(contents.windowOpenHandler?.({ url: `${APP}/` })).toEqual({ action: 'deny' });
    expect(contents.session.permissionCheckHandler?.(null, 'media', APP, {})).toBe(false);
  });
});
