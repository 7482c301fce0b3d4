// The device of a hit is detected once, on arrival, and stored with it: reading the hit back
// (after a restart too) never runs the detector again, so a long user agent costs its
// detection once, not at every load and page.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../shared/matomo/types';
import { startTestServer } from '../../test-support/capture/server-harness';
import { DATA_FILE_NAME } from './storage/hit-store';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

interface Line {
  hits: { device?: Partial<DeviceInfo> }[];
}

/** Stores one Googlebot hit, edits its data line, restarts and reads the hit's device back. */
async function deviceAfterRestart(edit: (line: Line) => void): Promise<DeviceInfo | undefined> {
  const first = await startTestServer();
  await first.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Bot', {
    headers: { 'user-agent': GOOGLEBOT },
  });
  await first.close();
  const file = join(first.dataDir, DATA_FILE_NAME);
  const line = JSON.parse(readFileSync(file, 'utf8').trim()) as Line;
  edit(line);
  writeFileSync(file, `${JSON.stringify(line)}\n`);
  const second = await startTestServer({}, first.dataDir);
  try {
    await expect.poll(async () => (await second.summary()).hits).toBe(1);
    return (await second.hits())[0]?.device;
  } finally {
    await second.close();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
}

describe('stored device', { timeout: 60_000 }, () => {
  it('is written with the hit and read back as stored, not detected again', async () => {
    const device = await deviceAfterRestart((line) => {
      expect(line.hits[0]?.device).toMatchObject({ bot: true, botName: 'Googlebot' });
      // A name no detector would give: if it comes back, the stored device was read.
      line.hits[0]!.device!.botName = 'Stored crawler';
    });
    expect(device).toMatchObject({ userAgent: GOOGLEBOT, botName: 'Stored crawler' });
  });

  it('is detected again for a line written before devices were stored', async () => {
    const device = await deviceAfterRestart((line) => delete line.hits[0]!.device);
    expect(device).toMatchObject({ bot: true, botName: 'Googlebot' });
  });
});
