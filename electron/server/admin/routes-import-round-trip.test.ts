// POST /api/import on a real capture server, what survives: Hitscope's NDJSON and HAR
// exports (export → reset → import gives the same hits), the capture files of real
// trackers with their times, and the import mark in the data file across a restart.
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { call } from '../../../test-support/admin/http-call';
import {
  BROWSER_UA as UA,
  byTime,
  useImportTestServer,
  realClientFixture as fixture,
} from '../../../test-support/capture/import-client';
import { startTestServer, TEST_TOKEN } from '../../../test-support/capture/server-harness';

const { t, client } = useImportTestServer();

const importFile = (content: string, name?: string) => client.importFile(content, name);
const exportText = (format: 'ndjson' | 'har') => client.exportText(format);

/** What must survive an export and import: everything but ids and derived views. */
function essence(hit: HitDto) {
  return {
    receivedAt: hit.receivedAt,
    index: hit.index,
    batchSize: hit.batchSize,
    transport: hit.transport,
    method: hit.method,
    path: hit.path,
    userAgent: hit.userAgent,
    params: hit.params,
    type: hit.type,
    outcome: hit.outcome,
    issues: hit.issues.map((issue) => issue.code).sort(),
  };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': UA };

/** A mix of what trackers send: every transport, a bulk with an object entry, all outcomes. */
async function sendVariety(): Promise<void> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 3));
  await t.send(
    'GET',
    '/matomo.php?idsite=1&rec=1&action_name=Home&url=https%3A%2F%2Fa.example%2F',
    {
      headers: { 'user-agent': UA },
    },
  );
  await pause();
  await t.send('POST', '/matomo.php?idsite=1', {
    body: 'rec=1&e_c=Video&e_a=Play&e_v=3.5&idsite=2',
    headers: FORM,
  });
  await pause();
  await t.send('POST', '/matomo.php?idsite=1&rec=1&ping=1&send_image=0', {
    headers: { 'user-agent': UA },
  });
  await pause();
  await t.send('GET', '/piwik.php?idsite=1&rec=1&cid=short&action_name=Bad', {
    headers: { 'user-agent': UA },
  });
  await pause();
  await t.send('GET', '/matomo.php?idsite=1&action_name=NoRec', { headers: { 'user-agent': UA } });
  await pause();
  const bulk = {
    requests: [
      '?idsite=1&rec=1&action_name=One&url=https%3A%2F%2Fa.example%2F1',
      { idsite: 1, rec: 1, e_c: 'Cat', e_a: 'Act', e_v: 2 },
      '?idsite=1&rec=1&search=shoes&search_count=4',
    ],
  };
  await t.send('POST', '/matomo.php', {
    body: JSON.stringify(bulk),
    headers: { 'content-type': 'application/json', 'user-agent': UA },
  });
}

describe('POST /api/import: round trips', () => {
  for (const format of ['ndjson', 'har'] as const) {
    it(`export (${format}) → reset → import gives the same hits`, async () => {
      await sendVariety();
      const before = (await t.hits()).sort(byTime);
      expect(before).toHaveLength(8);
      expect(new Set(before.map((hit) => hit.outcome))).toEqual(
        new Set(['recorded', 'rejected', 'excluded']),
      );
      const file = await exportText(format);
      await t.api('/api/reset', { method: 'POST', body: {} });
      expect(await t.hits()).toHaveLength(0);

      const result = await importFile(file, `hits.${format}`);
      expect(result).toMatchObject({
        format,
        requests: 6,
        hits: 8,
        failedRequests: 0,
        skipped: [],
        skippedCount: 0,
      });
      const after = (await t.hits()).sort(byTime);
      expect(after.map(essence)).toEqual(before.map(essence));
      // The three bulk hits are one request again, in their order.
      const bulkIds = new Set(after.filter((h) => h.transport === 'bulk').map((h) => h.requestId));
      expect(bulkIds.size).toBe(1);
      const bulk = await t.request([...bulkIds][0] as string);
      expect(bulk.hitIds).toHaveLength(3);
      expect(bulk.imported).toMatchObject({
        file: `hits.${format}`,
        source: format === 'har' ? 'har' : 'hit',
      });
      expect(bulk.issues.find((issue) => issue.code === 'request.imported')).toMatchObject({
        severity: 'info',
      });
      const summary = await t.summary();
      expect(summary).toMatchObject({ requests: 6, hits: 8, bulkRequests: 1 });
    });
  }
});

describe('POST /api/import: an export keeps the order things happened in', () => {
  // Requests that share a millisecond are ordered by the file alone: a chronological export
  // must give them back in the order they arrived.
  const SAME_TIME = '2026-11-26T10:00:00.000Z';
  const capture = ['A', 'B', 'C']
    .map((name) =>
      JSON.stringify({
        method: 'GET',
        path: '/matomo.php',
        query: `idsite=1&rec=1&action_name=${name}`,
        headers: { 'user-agent': UA },
        ts: SAME_TIME,
      }),
    )
    .join('\n');
  const arrivalOrder = async () => (await t.hits()).reverse().map((hit) => hit.params.action_name);

  for (const format of ['ndjson', 'har'] as const) {
    it(`export (${format}) lists oldest first, and its import stores in that order`, async () => {
      await importFile(capture, 'same-time.ndjson');
      expect(await arrivalOrder()).toEqual(['A', 'B', 'C']);
      const file = await exportText(format);
      // Once per hit (rawQuery) or per request (url).
      const field = format === 'ndjson' ? 'rawQuery' : 'url';
      const once = new RegExp(`"${field}":"[^"]*action_name=([ABC])`, 'g');
      const order = [...file.matchAll(once)].map((match) => match[1]);
      expect(order).toEqual(['A', 'B', 'C']);

      await t.api('/api/reset', { method: 'POST', body: {} });
      await importFile(file, `same-time.${format}`);
      expect(await arrivalOrder()).toEqual(['A', 'B', 'C']);
    });
  }
});

describe('POST /api/import: capture files of real trackers', () => {
  it('imports every request of each fixture with its time, as the trackers sent them', async () => {
    const expected: Record<string, { requests: number; types: string[] }> = {
      'matomo-js-post.ndjson': {
        requests: 8,
        types: [
          'pageview',
          'event',
          'site_search',
          'goal',
          'ecommerce_order',
          'outlink',
          'download',
          'content_impression',
        ],
      },
      'node-tracker.ndjson': {
        requests: 5,
        types: ['pageview', 'event', 'site_search', 'goal', 'pageview', 'event', 'ecommerce_order'],
      },
      'php-tracker.ndjson': {
        requests: 6,
        types: [
          'pageview',
          'event',
          'site_search',
          'goal',
          'ecommerce_order',
          'pageview',
          'event',
          'goal',
        ],
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      await t.api('/api/reset', { method: 'POST', body: {} });
      const content = fixture(name);
      const result = await importFile(content, name);
      expect(result, name).toMatchObject({
        format: 'ndjson',
        requests: want.requests,
        hits: want.types.length,
        skippedCount: 0,
      });
      // Newest first: reversed, the order of the file (some share a millisecond).
      const hits = (await t.hits()).reverse();
      expect(
        hits.map((hit) => hit.type),
        name,
      ).toEqual(want.types);
      expect(
        hits.every((hit) => hit.outcome === 'recorded'),
        name,
      ).toBe(true);
      const times = content
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { ts: string }).ts);
      expect(
        [...new Map(hits.map((hit) => [hit.requestId, hit.receivedAt])).values()].sort(),
        name,
      ).toEqual(times.sort());
      const request = await t.request(hits[0]!.requestId);
      expect(request.imported).toMatchObject({ file: name, source: 'capture' });
    }
  });
});

describe('POST /api/import: what an export carries', () => {
  it("a bulk's token_auth survives a HAR export; an NDJSON export loses it and the import says so", async () => {
    const bulkHits = async () => (await t.hits()).filter((hit) => hit.transport === 'bulk');
    await importFile(fixture('php-tracker.ndjson'), 'php.ndjson');
    const bulkOutcomes = async () => (await bulkHits()).map((hit) => hit.outcome);
    expect(await bulkOutcomes()).toEqual(['recorded', 'recorded', 'recorded']);
    const har = await exportText('har');
    const ndjson = await exportText('ndjson');

    await t.api('/api/reset', { method: 'POST', body: {} });
    await importFile(har, 'php.har');
    expect(await bulkOutcomes()).toEqual(['recorded', 'recorded', 'recorded']);

    await t.api('/api/reset', { method: 'POST', body: {} });
    await importFile(ndjson, 'php.ndjson');
    const hits = await bulkHits();
    expect(hits.map((hit) => hit.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
    const note = (await t.request(hits[0]!.requestId)).issues.find(
      (issue) => issue.code === 'request.imported',
    );
    expect(note?.severity).toBe('warning');
    expect(note?.message).toMatch(/hit 0: recorded in the file, rejected now.*token_auth/);
  });
});

describe('POST /api/import: storage', () => {
  it('keeps the import mark in the data file across a restart', async () => {
    const other = await startTestServer();
    try {
      const answer = await call(`${other.url}/api/import`, {
        token: TEST_TOKEN,
        json: { content: fixture('node-tracker.ndjson'), name: 'node.ndjson' },
      });
      expect(answer.status).toBe(200);
      await other.close();
      const again = await startTestServer({}, other.dataDir);
      try {
        await expect.poll(async () => (await again.hits()).length).toBe(7);
        const [hit] = await again.hits();
        const request = await again.request(hit!.requestId);
        expect(request.imported).toMatchObject({ file: 'node.ndjson', source: 'capture' });
      } finally {
        await again.close();
      }
    } finally {
      await other.dispose();
    }
  });
});
