// One tracking request with very many parameters must not stall the server either: PHP reads
// only the first 1000 variables of each source (max_input_vars), so the analysis of one hit
// is bounded, and what stays per parameter (the search entries, the stored line, the hit
// read back) is bounded or done in slices. Each request goes through the real server; the
// stall monitor measures the longest stretch of CPU work between two turns of the event loop
// while it is handled and while its hit is read back.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto, ImportResultDto } from '../../shared/api/types';
import { call } from '../../test-support/admin/http-call';
import { startTestServer, TEST_TOKEN } from '../../test-support/capture/server-harness';
import { readThrough } from '../../test-support/capture/read-through';
import { leastStallMs } from '../../test-support/capture/stall-monitor';
import {
  readBackAndOpen,
  readStallMs,
  restartStallMs,
  useStallServer,
} from '../../test-support/capture/stall-server';
import { DEFAULT_LIMITS } from './settings-validation';
import { FORM, MAX_STALL_MS } from '../../test-support/capture/stall-bounds';

/** `count` parameters after a page view's own, each `p<n>=` with a value of `width` letters. */
function pageView(count: number, width: number): string {
  const extra = Array.from({ length: count }, (_, n) => `p${n}=${'v'.repeat(width)}`);
  return `idsite=1&rec=1&action_name=Many&${extra.join('&')}`;
}

// A 500 KB URL is past the default 8 KB and a value of megabytes past the default 64 KB:
// raised, as a user may.
const { t, monitor } = useStallServer({
  limits: {
    ...DEFAULT_LIMITS,
    maxBodyBytes: 16 * 1024 * 1024,
    maxUrlLength: 512 * 1024,
    maxParamValueLength: 16 * 1024 * 1024,
  },
});

/**
 * A body of megabytes as bytes, encoded before the measure: its text (a join of 100,000 pairs
 * is built of pieces) measured and encoded in the send took some 80 ms of the test's own.
 */
const encoded = (text: string): Buffer => Buffer.from(text);

/** The longest stall while `act` runs and the newest hit is read back (leastStallMs). */
function stallOf(act: () => Promise<number>): Promise<number> {
  return leastStallMs(monitor, MAX_STALL_MS, async () => {
    expect(await act()).toBe(200);
    expect(await readThrough(t.url, '/api/hits?limit=1')).toBe(200);
  });
}

/** The longest stall while the newest hit is read by id, as the inspector reads it. */
async function readByIdStallOf(): Promise<number> {
  const { id } = await newestHit();
  return readStallMs(t, monitor, `/api/hits/${id}`, MAX_STALL_MS);
}

async function newestHit() {
  const [hit] = (await t.api<HitsPageDto>('/api/hits?limit=1')).hits;
  if (hit === undefined) throw new Error('no hit');
  return hit;
}

describe('a request of very many parameters', { timeout: 300_000 }, () => {
  it('a 500 KB query of 20,000 parameters', async () => {
    const query = pageView(20_000, 15);
    const stallMs = await stallOf(async () => (await t.send('GET', `/matomo.php?${query}`)).status);
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    const hit = await newestHit();
    expect(hit.params['p996']).toBe('v'.repeat(15));
    expect(hit.issues.map((issue) => issue.code)).toContain('param.input_limit');
  });

  it('an 8 MB form body of 100,000 parameters', async () => {
    const body = encoded(pageView(100_000, 75));
    const stallMs = await stallOf(
      async () => (await t.send('POST', '/matomo.php?x=1', { body, headers: FORM })).status,
    );
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    const hit = await newestHit();
    expect(hit.params['p997']).toBe('v'.repeat(75));
    expect(hit.params['p998']).toBeUndefined();
    expect(await readByIdStallOf()).toBeLessThan(MAX_STALL_MS);
  });

  it('a bulk whose one entry carries 100,000 parameters', async () => {
    const body = encoded(JSON.stringify({ requests: [`?${pageView(100_000, 75)}`] }));
    const stallMs = await stallOf(
      async () => (await t.send('POST', '/matomo.php', { body })).status,
    );
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    const hit = await newestHit();
    expect(hit.transport).toBe('bulk');
    expect(hit.params['p996']).toBe('v'.repeat(75));
    expect(await readByIdStallOf()).toBeLessThan(MAX_STALL_MS);
  });

  it('an 8 MB form body of one value', async () => {
    const text = `idsite=1&rec=1&action_name=One&x=${'v'.repeat(8 * 1024 * 1024)}`;
    const body = encoded(text);
    const stallMs = await stallOf(
      async () => (await t.send('POST', '/matomo.php', { body, headers: FORM })).status,
    );
    // Reading answers carry the beginning of the value; the raw route the whole request.
    const { id } = await newestHit();
    expect((await call(`${t.url}/api/hits/${id}/raw`, { token: TEST_TOKEN })).text).toBe(text);
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    expect(await readByIdStallOf()).toBeLessThan(MAX_STALL_MS);
  });

  it('a value of megabytes comes back byte for byte from the raw route', async () => {
    // Long texts are written in pieces: a piece boundary must not cut a character in two.
    const value = `${'v'.repeat(1024 * 1024 - 1)}😀é${'w'.repeat(3 * 1024 * 1024)}`;
    const body = `idsite=1&rec=1&action_name=One&x=${encodeURIComponent(value)}`;
    expect((await t.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
    // Pages and the hit itself carry the beginning (text-cut.ts); the raw route all of it.
    const listed = await newestHit();
    expect(listed.cut?.params?.['x']?.chars).toBe(value.length);
    const { hit } = await t.api<HitDetailDto>(`/api/hits/${listed.id}`);
    expect(value.startsWith(hit.params['x'] as string)).toBe(true);
    const raw = (path: string) =>
      call(`${t.url}/api/hits/${listed.id}/raw${path}`, { token: TEST_TOKEN });
    expect((await raw('')).text).toBe(body);
    expect((await raw('?param=x')).text).toBe(value);
  });

  it('an import of such a request', async () => {
    const line = JSON.stringify({
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: FORM,
      // Short values: the import's JSON body is still parsed in one piece (JSON.parse), a cost
      // per byte this test is not about.
      body: pageView(100_000, 8),
      ts: '2026-03-01T10:00:00.000Z',
    });
    const stallMs = await stallOf(async () => {
      const answer = await call(`${t.url}/api/import`, {
        token: TEST_TOKEN,
        json: { content: line, name: 'many.ndjson' },
      });
      expect(answer.json<ImportResultDto>().hits).toBe(1);
      return answer.status;
    });
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });
});

describe('a request of megabytes read back after a restart', { timeout: 300_000 }, () => {
  it('reads back and opens each such hit without stalling the server', async () => {
    const first = await startTestServer({
      limits: { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 },
    });
    const bodies = [
      pageView(100_000, 75),
      JSON.stringify({ requests: [`?${pageView(100_000, 75)}`] }),
    ];
    const ids: string[] = [];
    try {
      for (const body of bodies) {
        const headers = body.startsWith('{') ? {} : FORM;
        const answer = await first.send('POST', '/matomo.php', { body, headers });
        expect(answer.status).toBe(200);
        ids.push((await first.api<HitsPageDto>('/api/hits?limit=1')).hits[0]?.id ?? '');
      }
      await first.close();
      const stallMs = await restartStallMs(
        monitor,
        MAX_STALL_MS,
        first.dataDir,
        (url) => readBackAndOpen(url, ids),
        async (again) => {
          const { hit } = await again.api<HitDetailDto>(`/api/hits/${ids[0]}`);
          expect(hit.params['p997']).toBe('v'.repeat(75));
        },
      );
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    } finally {
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
