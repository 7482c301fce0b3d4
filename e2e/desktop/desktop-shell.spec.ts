// What only the desktop app adds around the UI: the bridge, the hardening, the menu and
// the quit that flushes hits. Runs in the `electron` project only (see playwright.config.ts);
// skipped with the reason when no Electron binary is installed.
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronSkipReason, launchDesktopApp, type DesktopApp } from '../support/electron-app';

let desktop: DesktopApp;

test.beforeEach(async () => {
  const reason = electronSkipReason();
  test.skip(reason !== null, reason ?? '');
  desktop = await launchDesktopApp();
});

test.afterEach(async () => {
  await desktop?.close();
});

test('the title bar shows the tracker URL and the bridge reports it', async () => {
  const { electronApp, page, server } = desktop;
  const title = await electronApp.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]?.getTitle(),
  );
  expect(title).toContain(server.trackerUrl);
  const info = await page.evaluate(() =>
    (window as unknown as { hitscope: { appInfo(): Promise<unknown> } }).hitscope.appInfo(),
  );
  expect(info).toMatchObject({ trackerUrl: server.trackerUrl, dataDir: server.dataDir });
});

test('the page has the bridge functions and nothing of Node or Electron', async () => {
  const globals = await desktop.page.evaluate(() => ({
    bridge: Object.keys((window as unknown as { hitscope: object }).hitscope).sort(),
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(globals).toEqual({
    bridge: ['appInfo', 'onMenuCommand', 'openFile', 'revealDataFolder', 'saveFile'],
    require: 'undefined',
    process: 'undefined',
  });
});

test('new windows are denied and permissions refused', async () => {
  const { electronApp, page } = desktop;
  expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
  expect(electronApp.windows()).toHaveLength(1);
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
});

test('saveFile writes where the (stubbed) save dialog points', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hitscope-e2e-save-'));
  try {
    const target = join(dir, 'export.ndjson');
    await desktop.electronApp.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (() =>
        Promise.resolve({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    const saved = await desktop.page.evaluate(() =>
      (
        window as unknown as { hitscope: { saveFile(r: object): Promise<unknown> } }
      ).hitscope.saveFile({
        suggestedName: 'hits.ndjson',
        content: '{"id":"1"}\n',
      }),
    );
    expect(saved).toEqual({ name: 'export.ndjson' });
    expect(await readFile(target, 'utf8')).toBe('{"id":"1"}\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the native menu has File, Edit, View and Help', async () => {
  const labels = await desktop.electronApp.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => item.label.replace('&', '')),
  );
  expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
});

test('quitting keeps every acknowledged hit on disk', async ({ request }) => {
  const marker = `quit-${Date.now()}`;
  const answer = await request.get(
    `${desktop.server.trackerUrl}?idsite=1&rec=1&action_name=${marker}`,
  );
  expect(answer.status()).toBe(200);
  await desktop.quit();
  const files = (await readdir(desktop.server.dataDir, { recursive: true })).filter((f) =>
    f.endsWith('.ndjson'),
  );
  const contents = await Promise.all(
    files.map((f) => readFile(join(desktop.server.dataDir, f), 'utf8')),
  );
  expect(contents.join('\n')).toContain(marker);
});

test('hits captured before a quit are listed again after the next start', async ({ request }) => {
  const marker = `again-${Date.now()}`;
  await request.get(`${desktop.server.trackerUrl}?idsite=1&rec=1&action_name=${marker}`);
  const { token, dataDir } = desktop.server;
  await desktop.quit();
  // Same user-data folder: the afterEach hook now closes (and cleans up) the new app.
  desktop = await launchDesktopApp({ userDataDir: join(dataDir, '..'), token });
  const answer = await request.get(`${desktop.server.baseUrl}/api/hits?q=${marker}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status()).toBe(200);
  const { hits } = (await answer.json()) as { hits: { params: { action_name?: string } }[] };
  expect(hits.map((hit) => hit.params.action_name)).toEqual([marker]);
});
