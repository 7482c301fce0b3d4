// The server's data directory: private to its user (captured requests carry cookies and
// tokens), and owned by one server at a time.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';
import { LOG_FILE_NAME } from './logger';
import { SETTINGS_FILE_NAME } from './settings-store';
import { DATA_FILE_NAME } from './storage/hit-store';
import { SNAPSHOT_FILE_NAME } from './storage/index-snapshot';

const servers = useTestServers();

/** A data directory the server creates itself, with the mode it gives it. */
const newDataDir = (): string => join(servers.tempDir('hitscope-datadir-'), 'data');

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('data directory', () => {
  it('is created 0700 with its files 0600', async () => {
    const dataDir = newDataDir();
    const t = await servers.start({}, dataDir);
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
    const first = await servers.start({}, dataDir);
    await first.send('GET', '/matomo.php?idsite=1&rec=1&uid=kept');
    await expect(startTestServer({}, dataDir)).rejects.toThrow(
      new RegExp(
        `in use by another Hitscope server \\(process ${process.pid}, .*listening at ${first.url}\\)`,
      ),
    );
    // The refused server touched nothing: the first one's hit is still there.
    expect((await first.summary()).hits).toBe(1);
    await first.close();
    const second = await servers.start({}, dataDir);
    await expect.poll(async () => (await second.summary()).hits).toBe(1);
  });
});
