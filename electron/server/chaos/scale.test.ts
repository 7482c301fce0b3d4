// A capture larger than the in-memory window, through the HTTP API: hits out of the window
// are found by id, search and export, and a long export or search does not hold up a
// tracking request sent meanwhile (the probes are answered while the export goes on).
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../../shared/api/types';
import { TEST_TOKEN, type TestServer } from '../../../test-support/capture/server-harness';
import { useTestServers } from '../../../test-support/capture/use-test-servers';

const servers = useTestServers();

const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A bulk of `count` hits; every 100th is a video event. */
function bulk(count: number, first: number): string {
  const requests = Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return n % 100 === 0
      ? `?idsite=1&rec=1&e_c=Video&e_a=play&e_n=clip-${n}`
      : `?idsite=1&rec=1&action_name=Page%20${n}&url=https%3A%2F%2Fa.example%2F${n}`;
  });
  return JSON.stringify({ requests });
}

/** Streams an export; resolves with when it ended (performance.now()) and its lines. */
function streamExport(
  t: TestServer,
  onFirstBytes: () => void,
): Promise<{ endedAt: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}/api/export?format=ndjson`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    req.on('response', (res) => {
      let text = '';
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (first) onFirstBytes();
        first = false;
      });
      res.on('end', () =>
        resolve({ endedAt: performance.now(), lines: text.trim().split('\n').filter(Boolean) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a capture larger than the in-memory window', () => {
  it('is reachable by id, search and export, and tracking is answered during an export', async () => {
    const t = await servers.start({ maxHits: 100 });
    const headers = { 'content-type': 'application/json', 'user-agent': UA };
    // Bulks of 1,000: lines written, and read back, one hit at a time (encode-line.ts).
    for (let b = 0; b < 3; b++) {
      const answer = await t.send('POST', '/matomo.php', { body: bulk(1_000, b * 1_000), headers });
      expect(answer.status).toBeLessThan(300);
    }
    const summary = await t.summary();
    expect(summary).toMatchObject({ hits: 3_000, inMemory: 100, onDiskOnly: 2_900 });

    const page = await t.api<HitsPageDto>(
      `/api/hits?limit=5&query=${encodeURIComponent('type:event e_c:Video')}`,
    );
    expect(page.total).toBe(30);
    const byParam = await t.api<HitsPageDto>('/api/hits?limit=50&param.e_c=Video');
    const oldest = byParam.hits.at(-1)!;
    expect(oldest.params.e_n).toBe('clip-0');
    const detail = await t.api<HitDetailDto>(`/api/hits/${oldest.id}`);
    expect(detail.hit.params.e_n).toBe('clip-0');
    expect(detail.request?.id).toBe(oldest.requestId);
    const text = await t.api<HitsPageDto>('/api/hits?limit=1&q=clip-2900');
    expect(text.total).toBe(1);

    // Probes one after another from the first bytes on: the server keeps answering them while
    // the export goes on, not once between two long steps of it.
    const answeredAt: number[] = [];
    const statuses = new Set<number>();
    let exporting = true;
    let probing: Promise<void> | null = null;
    const exported = await streamExport(t, () => {
      probing ??= (async () => {
        while (exporting) {
          const answer = await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Probe', {
            headers: { 'user-agent': UA },
          });
          statuses.add(answer.status);
          answeredAt.push(performance.now());
        }
      })();
    });
    exporting = false;
    await probing;
    expect(exported.lines).toHaveLength(3_000);
    expect(JSON.parse(exported.lines[0]!).params.e_n).toBe('clip-0');
    expect([...statuses]).toEqual([200]);
    expect(answeredAt.filter((at) => at < exported.endedAt).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
