// No tracking request, whatever it carries, may stall the server: the endpoint is open to
// every page, and a stalled event loop is a frozen desktop app. Each request below goes
// through the real server; the stall monitor measures the longest stretch of CPU work
// between two turns of the event loop while it is handled and while its hit is read back.
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import type { HitsPageDto } from '../../shared/api/types';
import { describe, expect, it } from 'vitest';
import { PARAM_CATALOGUE } from '../../shared/matomo/params';
import {
  clearDeviceCache,
  deviceInputOf,
  MAX_DETECTED_UA_LENGTH,
  MAX_NEW_DEVICES_PER_REQUEST,
} from '../../shared/matomo/user-agent';
import { startTestServer } from '../../test-support/capture/server-harness';
import { readBackDone, useStallServer } from '../../test-support/capture/stall-server';
import { sendInPieces } from '../../test-support/capture/piecewise-send';
import { DEFAULT_LIMITS } from './settings-validation';
import { FORM, MAX_STALL_MS, MB } from '../../test-support/capture/stall-bounds';

const { t, monitor } = useStallServer();

/**
 * Sends one request and reads its hit back, with nothing detected beforehand; the longest
 * stall while doing both. A stall caused by the request shows on every attempt, the noise of
 * a loaded machine (a garbage collection, another thread) does not: the least of three counts.
 */
async function stallOf(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: string; headers?: Record<string, string> },
): Promise<{ status: number; stallMs: number }> {
  let status = 0;
  let stallMs = Infinity;
  for (let attempt = 0; attempt < 3 && stallMs >= MAX_STALL_MS; attempt++) {
    clearDeviceCache();
    monitor.reset();
    status = (await t.send(method, path, options)).status;
    await t.api('/api/hits?limit=1');
    stallMs = Math.min(stallMs, monitor.longestMs());
  }
  return { status, stallMs };
}

describe('user agents that used to freeze the server', { timeout: 120_000 }, () => {
  const long = (size: number) => 'Mozilla/5.0 (Linux; Android 10; K) '.repeat(size / 35);

  it('answers a 60 KB ua parameter without stalling, and keeps the whole value', async () => {
    const ua = long(60_000);
    const { status, stallMs } = await stallOf('POST', '/matomo.php', {
      body: `idsite=1&rec=1&action_name=Long&ua=${encodeURIComponent(ua)}`,
      headers: FORM,
    });
    expect(status).toBe(200);
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    const [hit] = (await t.api<HitsPageDto>('/api/hits?limit=1')).hits;
    expect(hit?.device.userAgent).toBe(ua);
  });

  it('answers a 60 KB and a 900 KB User-Agent header without stalling', async () => {
    for (const size of [60_000, 900_000]) {
      const { status, stallMs } = await stallOf('GET', '/matomo.php?idsite=1&rec=1', {
        headers: { 'user-agent': long(size) },
      });
      expect(status).toBe(200);
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    }
  });

  it('answers the worst text found for the detector’s patterns without stalling', async () => {
    // The last four: the slowest repeated words found for the bot patterns (bots/detect.ts).
    for (const unit of [
      'MZ-',
      'a',
      ' ',
      '0',
      'sprd-',
      ';x',
      '1.',
      'fetch',
      'crawl',
      'seoscanners/1.',
      'Java/1.',
    ]) {
      const { stallMs } = await stallOf('GET', '/matomo.php?idsite=1&rec=1', {
        headers: { 'user-agent': unit.repeat(100_000 / unit.length) },
      });
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    }
  });
});

const TOKENS = [
  'a',
  ' ',
  '0',
  '1.',
  'MZ-',
  'sprd-',
  '%',
  '%E9',
  '&',
  '=',
  '"',
  '\\',
  '{"a":',
  '[',
  'é',
  '😀',
  'Mozilla/5.0 (',
  'Build/',
  'http://',
  '<script>',
];
const adversarialText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(fc.constantFrom(...TOKENS), fc.integer({ min: 1, max: 40_000 }))
    .map(([unit, count]) => unit.repeat(count).slice(0, 60_000)),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 2_000 }).map((units) => units.join('')),
);
const paramName = fc.oneof(
  fc.constantFrom(...PARAM_CATALOGUE.map((spec) => spec.name)),
  fc.constantFrom('ua', 'uadata', 'url', 'urlref', 'cdt', '_cvar', 'cvar', 'search'),
);
const HEADERS = [
  'user-agent',
  'sec-ch-ua',
  'sec-ch-ua-platform',
  'sec-ch-ua-platform-version',
  'sec-ch-ua-model',
  'sec-ch-ua-full-version-list',
  'referer',
  'cookie',
  'accept-language',
  'x-forwarded-for',
  'content-type',
  'x-hitscope-run',
  'dnt',
  // Not `origin`: the answer echoes it in Access-Control-Allow-Origin, and a long one makes
  // the answer's header block larger than an HTTP client reads (a separate matter).
];

describe('any request', () => {
  it('is handled and read back without a stall over the bound', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(paramName, adversarialText, { maxKeys: 6 }),
        // The headers the engine reads, and any other name a client may invent.
        fc.dictionary(
          fc.oneof(fc.constantFrom(...HEADERS), fc.stringMatching(/^x-[a-z0-9-]{1,30}$/)),
          adversarialText,
          { maxKeys: 4 },
        ),
        async (params, headers) => {
          const body = Object.entries({ idsite: '1', rec: '1', ...params })
            .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
            .join('&');
          // Header values travel as Latin-1 text without control characters.
          const sendable = Object.fromEntries(
            Object.entries(headers).map(([name, value]) => [
              name,
              value.replace(/[^\x20-\x7e]/g, 'x') || 'x',
            ]),
          );
          const { status, stallMs } = await stallOf('POST', '/matomo.php', {
            body,
            headers: { ...FORM, ...sendable },
          });
          expect(status).toBeLessThan(500);
          expect(stallMs).toBeLessThan(MAX_STALL_MS);
          // The detector's work is bounded by what it reads, whatever was sent.
          const input = deviceInputOf(sendable, params);
          expect(input.detected.length).toBeLessThanOrEqual(2 * MAX_DETECTED_UA_LENGTH);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// A bulk request is one request with up to `maxBulkEntries` tracking requests in it, each
// free to carry its own user agent (`ua`). Detecting thousands of distinct user agents in
// one go held the server for minutes; the analysis now runs in slices between turns of the
// event loop, and a request detects only so many new devices fully — every entry still
// gets the bot check its verdict depends on (Matomo's Tracker/VisitExcluded.php,
// isNonHumanBot), so the answer and every outcome stay exactly what they were.
/**
 * Entries of the bulk: as many as the default limits allow. 10,000 such entries make a 16 MB
 * data file line, which is built, written and read back in slices too (encode-line.ts).
 */
const ENTRIES = Number(process.env.BULK_STALL_ENTRIES ?? DEFAULT_LIMITS.maxBulkEntries);

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

describe('a bulk of distinct long user agents', () => {
  it(
    'is answered without stalling the server, every bot excluded as Matomo excludes it',
    { timeout: 300_000 },
    async () => {
      const requests = Array.from(
        { length: ENTRIES },
        (_, n) => `?idsite=1&rec=1&action_name=P${n}&ua=${encodeURIComponent(userAgentOf(n))}`,
      );
      const body = Buffer.from(JSON.stringify({ requests }));
      clearDeviceCache();
      monitor.reset();
      // Another request while the bulk is being analysed is answered in between.
      let settled = false;
      let probeAnsweredFirst = false;
      const bulk = sendInPieces(`${t.url}/matomo.php`, body);
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

describe('the largest bodies the limits allow', () => {
  it(
    'stores a bulk of over 16 MB and reads it back at a restart without stalling the server',
    { timeout: 300_000 },
    async () => {
      const big = await startTestServer({ limits: { ...DEFAULT_LIMITS, maxBodyBytes: 64 * MB } });
      try {
        // 10,000 entries of about 1.8 KB each: a body, and a data file line, over 16 MB.
        const requests = Array.from(
          { length: 10_000 },
          (_, n) =>
            `?idsite=1&rec=1&action_name=P${n}&ua=${encodeURIComponent(userAgentOf(n))}` +
            `&x=${'p'.repeat(1_200)}`,
        );
        const body = Buffer.from(JSON.stringify({ requests }));
        expect(body.length).toBeGreaterThan(16 * MB);
        // As in stallOf: a stall the request causes shows on every attempt, the noise of a
        // loaded machine (a collection, another thread) does not. The least of two counts.
        let ingestMs = Infinity;
        for (let attempt = 0; attempt < 2 && ingestMs >= MAX_STALL_MS; attempt++) {
          clearDeviceCache();
          monitor.reset();
          const answer = await sendInPieces(`${big.url}/matomo.php`, body);
          expect(answer.status).toBe(200);
          ingestMs = Math.min(ingestMs, monitor.longestMs());
        }
        expect(ingestMs).toBeLessThan(MAX_STALL_MS);
        const stored = (await big.summary()).hits;

        await big.close();
        let loadMs = Infinity;
        for (let attempt = 0; attempt < 2 && loadMs >= MAX_STALL_MS; attempt++) {
          monitor.reset();
          // The detector is warm already; the harness need not warm it again (it would count).
          const again = await startTestServer({}, big.dataDir, { coldDetector: true });
          // A filtered page may be answered from the newest lines before the read-back ends:
          // the stall is measured over the whole read-back.
          await readBackDone(again);
          loadMs = Math.min(loadMs, monitor.longestMs());
          const found = await again.api<HitsPageDto>('/api/hits?limit=1&q=P9999');
          expect(found.total).toBe(stored / 10_000);
          expect((await again.summary()).hits).toBe(stored);
          const [last] = (await again.api<HitsPageDto>('/api/hits?limit=1')).hits;
          expect(last?.params.action_name).toBe('P9999');
          await again.close();
        }
        expect(loadMs).toBeLessThan(MAX_STALL_MS);
      } finally {
        rmSync(big.dataDir, { recursive: true, force: true });
      }
    },
  );
});
