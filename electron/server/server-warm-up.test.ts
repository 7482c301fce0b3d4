// The device detector compiles thousands of patterns on first use. A server that did it in one
// piece (a second or more of CPU) froze every request and the UI meanwhile; the warm-up now
// runs in steps between requests (shared/matomo/device-warm-up.ts, electron/server/warm-up.ts).
// This file must be the first to detect a device in its process: it starts a server with a
// cold detector, sends tracking requests at once and measures the longest event-loop callback.
import type { HitsPageDto } from '../../shared/api/types';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';
import { startStallMonitor } from '../../test-support/capture/stall-monitor';
import { MAX_STALL_MS } from '../../test-support/capture/stall-bounds';

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Hitscope test client/1.0 (nothing known)',
];

let t: TestServer | null = null;
afterAll(async () => {
  await t?.dispose();
});

describe('start-up with requests arriving', { timeout: 120_000 }, () => {
  it('never blocks the event loop over 100 ms, and detects devices exactly', async () => {
    t = await startTestServer({}, mkdtempSync(join(tmpdir(), 'hitscope-server-')), {
      coldDetector: true,
    });
    const server = t;
    // From the moment the server listens: its own start (opening the store) is not measured.
    const monitor = startStallMonitor();
    try {
      const answers = await Promise.all([
        ...USER_AGENTS.map((ua, index) =>
          server.send('GET', `/matomo.php?idsite=1&rec=1&action_name=Start${index}`, {
            headers: { 'user-agent': ua },
          }),
        ),
        server.send('GET', '/api/health'),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      const { hits } = await server.api<HitsPageDto>('/api/hits?limit=10');
      expect(hits).toHaveLength(4);
      const devices = USER_AGENTS.map((ua) => hits.find((hit) => hit.device.userAgent === ua));
      expect(devices[0]?.device.browser).toBe('Chrome');
      expect(devices[1]?.device.model).toBe('Galaxy S23');
      expect(devices[2]?.device.bot).toBe(true);
      expect(devices[3]?.device.bot).toBe(false);
      expect(monitor.longestMs()).toBeLessThan(MAX_STALL_MS);
    } finally {
      monitor.stop();
    }
  });
});
