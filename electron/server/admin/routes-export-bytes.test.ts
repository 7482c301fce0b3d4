// An export writes each stored hit exactly as the hit itself reads (JSON.stringify of the
// masked hit, a CSV row of it), however it gets there: lines encoded straight into bytes, a
// hit of long texts in pieces, CSV hits read without their derived views. Varied hits: single
// and bulk, a JSON-object entry, a value of 60 KB and one of 200 KB, non-ASCII, credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import {
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from '../../../test-support/capture/server-harness';
import { DEFAULT_LIMITS } from '../settings-validation';
import { csvHeader, csvRow } from './export-csv';
import { maskHit } from './mask-tokens';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({
    limits: { ...DEFAULT_LIMITS, maxParamValueLength: 1024 * 1024 },
  });
  const sends: [string, string, { body?: string; headers?: Record<string, string> }][] = [
    ['GET', `/matomo.php?idsite=1&rec=1&action_name=${encodeURIComponent('Café – 😀 "q"')}`, {}],
    ['GET', `/matomo.php?idsite=1&rec=1&token_auth=${SECRET}&cip=10.0.0.1`, {}],
    ['POST', '/matomo.php', { body: `idsite=1&rec=1&x=${'é'.repeat(10_000)}`, headers: FORM }],
    ['POST', '/matomo.php', { body: `idsite=1&rec=1&x=${'v'.repeat(200_000)}é`, headers: FORM }],
    [
      'POST',
      '/matomo.php',
      {
        body: JSON.stringify({
          token_auth: SECRET,
          requests: [
            '?idsite=1&rec=1&e_c=Video&e_a=play',
            { idsite: 1, rec: 1, action_name: 'Objet €', dimension1: 'w'.repeat(70_000) },
            `?idsite=1&rec=1&url=${encodeURIComponent('https://a.example/=SUM(1)')}`,
          ],
        }),
        headers: { 'content-type': 'application/json' },
      },
    ],
  ];
  for (const [method, path, options] of sends) {
    expect((await t.send(method, path, options)).status).toBeLessThan(300);
  }
}, 60_000);
afterAll(() => t.dispose());

const exported = async (query: string) => {
  const res = await fetch(`${t.url}/api/export?${query}`, {
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
  });
  return Buffer.from(await res.arrayBuffer()).toString('utf8');
};

/** The stored hits, oldest first, each as the store reads it by id, with its full views. */
async function storedHits(): Promise<HitDto[]> {
  const ids = (await exported('format=ndjson'))
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as HitDto).id);
  const hits: HitDto[] = [];
  for (const id of ids) hits.push((await t.server.store!.detail(id))!.hit);
  return hits;
}

describe('export bytes', () => {
  it('writes each NDJSON line as JSON.stringify of the masked hit, revealed or not', async () => {
    const hits = await storedHits();
    expect(hits.length).toBe(7);
    expect(await exported('format=ndjson')).toBe(
      hits.map((hit) => `${JSON.stringify(maskHit(hit))}\n`).join(''),
    );
    expect(await exported('format=ndjson&revealTokens=1')).toBe(
      hits.map((hit) => `${JSON.stringify(hit)}\n`).join(''),
    );
  });

  it('writes each CSV row as the row of the masked hit', async () => {
    const hits = await storedHits();
    expect(await exported('format=csv')).toBe(
      csvHeader() + hits.map((hit) => csvRow(maskHit(hit))).join(''),
    );
  });

  it('writes HAR as one JSON document of every request', async () => {
    const har = JSON.parse(await exported('format=har')) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(5);
  });
});
