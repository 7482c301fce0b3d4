// Own process: bytes allocated depend on what else the process compiled and keeps.
// An export reads each stored hit once, its views derived again, and writes it: what that
// leaves for the collector, 300,000 times over, made its pauses hold the server past 50 ms. A
// bulk's entry is read without a bulk written and parsed around it, its parameters come from
// the same parse as its views, masking a hit without a token copies nothing, and its texts
// are escaped straight into the answer's bytes. Counted in bytes allocated on the heap per
// exported hit, which the machine's load does not move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { heapAllocatedBy } from '../../../test-support/heap-allocated';
import { startTestServer, type TestServer } from '../../../test-support/capture/server-harness';
import { ByteChunks } from './byte-chunks';
import { writeHitLine } from './export-ndjson';
import { maskHit } from './mask-tokens';

const HITS = 2_000;

/** A page view as trackers send it: some 30 parameters, client hints, a non-ASCII title. */
function pageView(n: number): string {
  const params = {
    action_name: `Shop – page ${n % 40}`,
    idsite: '1',
    rec: '1',
    r: String(100_000 + n),
    h: String(n % 24),
    m: String(n % 60),
    s: String(n % 60),
    url: `https://shop.example/p${n % 40}?utm_source=newsletter&n=${n}`,
    urlref: 'https://www.google.com/',
    _id: (0x5a2b3c4d5e6f0000 + (n % 500)).toString(16),
    _idn: '0',
    _refts: '1729771200',
    pv_id: `aB${(n % 10_000).toString(36).padStart(4, '0')}`,
    dimension1: 'member',
    uadata: JSON.stringify({
      fullVersionList: [{ brand: 'Chromium', version: '126.0.6478.126' }],
      mobile: false,
      platform: 'Linux',
    }),
    res: '1920x1080',
    cookie: '1',
    pdf: '1',
    pf_net: String(n % 50),
    pf_srv: String(n % 90),
  };
  return `?${new URLSearchParams(params).toString()}`;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const requests = Array.from({ length: HITS }, (_, n) => pageView(n));
  const answer = await t.send('POST', '/matomo.php', {
    body: JSON.stringify({ requests }),
    headers: { 'content-type': 'application/json' },
  });
  expect(answer.status).toBe(200);
}, 60_000);
afterAll(() => t.dispose());

/** Every stored hit as an NDJSON export without revealed tokens reads and writes it. */
async function exportedHits(each: (hit: HitDto) => void): Promise<void> {
  const out = new ByteChunks();
  for await (const { hits } of t.server.store!.storedOldestFirst({}, { views: true })) {
    for await (const hit of hits) {
      const masked = maskHit(hit);
      writeHitLine(out, masked);
      out.take();
      each(masked);
    }
  }
}

describe('the hits of an export', () => {
  it('are read with their views at a small cost to the collector each', async () => {
    let exported = 0;
    let viewed = 0;
    await exportedHits(() => undefined);
    const allocated = await heapAllocatedBy(() =>
      exportedHits((hit) => {
        exported++;
        if (hit.occurrences.length === 20 && hit.decoded['uadata'] && hit.device.os) viewed++;
      }),
    );
    expect(exported).toBe(HITS);
    expect(viewed).toBe(HITS);
    // Each bulk entry written into a bulk of its own and parsed again, parsed a second time
    // for its parameters, its texts copied to mask them and each text holding a quote
    // escaped into a copy of its own took some 36 KB here; 23 KB now.
    expect(allocated / HITS).toBeLessThan(28 * 1024);
  }, 60_000);
});
