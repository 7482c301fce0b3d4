// A bulk request is one request with up to `maxBulkEntries` tracking requests in it, each
// free to carry its own user agent (`ua`). Detecting thousands of distinct user agents in
// one go held the server for minutes; the analysis now runs in slices between turns of the
// event loop, and a request detects only so many new devices fully — every entry still
// gets the bot check its verdict depends on (Matomo's Tracker/VisitExcluded.php,
// isNonHumanBot), so the answer and every outcome stay exactly what they were.
import type { HitsPageDto } from '../../shared/api/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearDeviceCache,
  MAX_NEW_DEVICES_PER_REQUEST,
  warmDeviceDetector,
} from '../../shared/matomo/user-agent';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';
import { startStallMonitor, type StallMonitor } from '../../test-support/capture/stall-monitor';

const MAX_STALL_MS = 100;
/**
 * Entries of the bulk. Its detection is sliced whatever the size; what is left of a larger
 * bulk (10,000 such entries make a 16 MB data file line) is the storing of that line.
 */
const ENTRIES = Number(process.env.BULK_STALL_ENTRIES ?? 3_000);

/** A long, realistic user agent of its own for entry n; every 250th is a crawler. */
function userAgentOf(n: number): string {
  const extensions = Array.from({ length: 12 }, (_, i) => `Ext${i}/${n}.${i}`).join(' ');
  if (n % 250 === 0) {
    return `Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) ${extensions}`;
  }
  return (
    `Mozilla/5.0 (Linux; Android 14; Pixel ${n}) AppleWebKit/537.36 (KHTML, like Gecko) ` +
    `Chrome/${100 + (n % 30)}.0.${n}.0 Mobile Safari/537.36 ${extensions} ${'Build/X'.repeat(20)}`
  );
}

let t: TestServer;
let monitor: StallMonitor;
beforeAll(async () => {
  t = await startTestServer();
  warmDeviceDetector();
  await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Warm');
  monitor = startStallMonitor();
}, 60_000);
afterAll(async () => {
  monitor.stop();
  await t.dispose();
});

describe('a bulk of distinct long user agents', () => {
  it(
    'is answered without stalling the server, every bot excluded as Matomo excludes it',
    { timeout: 300_000 },
    async () => {
      const requests = Array.from(
        { length: ENTRIES },
        (_, n) => `?idsite=1&rec=1&action_name=P${n}&ua=${encodeURIComponent(userAgentOf(n))}`,
      );
      const body = JSON.stringify({ requests });
      clearDeviceCache();
      monitor.reset();
      // Another request while the bulk is being analysed is answered in between.
      let settled = false;
      let probeAnsweredFirst = false;
      const bulk = t.send('POST', '/matomo.php', { body });
      const probe = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const answer = await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Probe');
        probeAnsweredFirst = !settled;
        return answer.status;
      })();
      const answer = await bulk;
      settled = true;
      expect(answer.status).toBe(200);
      expect(await probe).toBe(200);
      expect(probeAnsweredFirst).toBe(true);
      expect(monitor.longestMs()).toBeLessThan(MAX_STALL_MS);

      const hits: HitsPageDto['hits'] = [];
      let before: string | null = '';
      while (before !== null) {
        const page: HitsPageDto = await t.api<HitsPageDto>(
          `/api/hits?limit=1000${before ? `&before=${encodeURIComponent(before)}` : ''}`,
        );
        hits.push(...page.hits);
        before = page.next;
      }
      const entries = hits.filter((hit) => hit.transport === 'bulk');
      expect(entries).toHaveLength(ENTRIES);
      const excluded = entries.filter((hit) => hit.outcome === 'excluded');
      expect(excluded).toHaveLength(ENTRIES / 250);
      for (const hit of excluded) {
        expect(hit.issues.map((issue) => issue.code)).toContain('bot.excluded');
        expect(hit.device.botName).toBe('Googlebot');
      }
      // The first new user agents are detected in full; the rest got the bot check only.
      const named = entries.filter((hit) => hit.device.browser !== null);
      expect(named.length).toBeGreaterThan(0);
      expect(named.length).toBeLessThanOrEqual(MAX_NEW_DEVICES_PER_REQUEST);
    },
  );
});
