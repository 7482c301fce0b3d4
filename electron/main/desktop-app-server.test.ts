// The desktop app's main process with the real capture server (only 'electron' is faked):
// the UI URL signs in, hits are captured, and quitting flushes them before the exit.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as electron from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCaptureServer } from '../server/server';
import { DEFAULT_LIMITS } from '../server/settings-validation';
import { runDesktopApp } from './desktop-app';
import { asFake, fakeEvent, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).createFakeElectron());

const fake = asFake(electron);
let userData: string;
const signalListeners = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);

beforeEach(async () => {
  resetFakeElectron(fake);
  userData = await mkdtemp(join(tmpdir(), 'hitscope-app-server-'));
});

afterEach(async () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    for (const listener of process.listeners(signal))
      if (!signalListeners.has(listener)) process.removeListener(signal, listener);
  await rm(userData, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not reached');
}

describe('desktop app with the real capture server', () => {
  it('serves the UI sign-in, captures hits and flushes them on quit', async () => {
    const running = await runDesktopApp({
      startServer: startCaptureServer,
      serverDefaults: {
        debugMode: 'on-demand',
        maxHits: 1000,
        logLevel: 'warn',
        logToStderr: false,
        limits: DEFAULT_LIMITS,
      },
      env: { HITSCOPE_USER_DATA_DIR: userData, HITSCOPE_PORT: '0', HITSCOPE_TOKEN: 'desk-token' },
    });
    if (!running) throw new Error('the app quit');
    const { server } = running;
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The window's first URL trades a one-time code for the session cookie.
    expect(server.uiUrl).not.toContain('desk-token');
    const signIn = await fetch(server.uiUrl, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toContain('HttpOnly');

    const marker = `desktop-${Date.now()}`;
    const hit = await fetch(`${server.trackerUrl}?idsite=1&rec=1&action_name=${marker}`);
    expect(hit.status).toBe(200);

    fake.app.emit('before-quit', fakeEvent());
    await waitFor(() => fake.app.exit.mock.calls.length > 0);
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    // Closed: the port no longer answers.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

    const dataDir = join(userData, 'data');
    const files = (await readdir(dataDir)).filter((file) => file.endsWith('.ndjson'));
    const stored = await Promise.all(files.map((file) => readFile(join(dataDir, file), 'utf8')));
    expect(stored.join('\n')).toContain(marker);
  });
});
