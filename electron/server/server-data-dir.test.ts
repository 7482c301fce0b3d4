// The server's data directory: private to its user (captured requests carry cookies and
// tokens), and owned by one server at a time.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';
import { LOG_FILE_NAME } from './logger';
import { SETTINGS_FILE_NAME } from './settings-store';
import { DATA_FILE_NAME } from './storage/hit-store';
import { SNAPSHOT_FILE_NAME } from './storage/index-snapshot';

const roots: string[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const t of servers.splice(0).reverse()) await t.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function newDataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'hitscope-datadir-'));
  roots.push(root);
  return join(root, 'data');
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('data directory', () => {
  it('is created 0700 with its files 0600', async () => {
    const dataDir = newDataDir();
    const t = await startTestServer({}, dataDir);
    servers.push(t);
    await t.send('GET', '/matomo.php?idsite=1&rec=1');
    await t.api('/api/settings', { method: 'PUT', body: { debugMode: 'off' } });
    await t.server.close();
    expect(modeOf(dataDir)).toBe(0o700);
    for (const name of [DATA_FILE_NAME, SNAPSHOT_FILE_NAME, LOG_FILE_NAME, SETTINGS_FILE_NAME]) {
      expect(modeOf(join(dataDir, name)), name).toBe(0o600);
    }
  });

  it('refuses a second server on the same directory, naming the first', async () => {
    const dataDir = newDataDir();
    const first = await startTestServer({}, dataDir);
    servers.push(first);
    await first.send('GET', '/matomo.php?idsite=1&rec=1&uid=kept');
    await expect(startTestServer({}, dataDir)).rejects.toThrow(
      new RegExp(
        `in use by another Hitscope server \\(process ${process.pid}, .*listening at ${first.url}\\)`,
      ),
    );
    // The refused server touched nothing: the first one's hit is still there.
    expect((await first.summary()).hits).toBe(1);
    await first.close();
    const second = await startTestServer({}, dataDir);
    servers.push(second);
    await expect.poll(async () => (await second.summary()).hits).toBe(1);
  });
});
