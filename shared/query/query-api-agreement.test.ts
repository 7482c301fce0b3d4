// `query=` on /api/hits and /api/export selects the hits the table shows for the same search
// text and quick filters: the expected hits come from the renderer's own compiled predicate
// and quick-filter predicate over its own rows, not from a second implementation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HitDto, HitSummariesPageDto, HitsPageDto, RequestRecordDto } from '../api/types';
import type { Issue } from '../matomo/types';
import { TEST_TOKEN } from '../../test-support/admin/admin-test-server';
import { makeCapture } from '../../test-support/admin/fixtures';
import { call } from '../../test-support/admin/http-call';
import { useAdminTestServer } from '../../test-support/admin/use-admin-test-server';
import { exportUrl } from '../../renderer/api/client';
import { shownHitsFilter } from '../../renderer/api/export-hits';
import { toHitRow } from '../../renderer/lib/hit-row';
import { compileQuery } from '../../renderer/lib/query/compile-query';
import { combinePredicates, quickFilterPredicate } from '../../renderer/lib/table-view';
import { NO_QUICK_FILTERS, type QuickFilters } from '../../renderer/store/filter-slice';

const server = useAdminTestServer();
const get = (path: string) => call(server.base + path, { token: TEST_TOKEN });
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString();

const cidIssue: Issue = {
  code: 'cid.length',
  severity: 'error',
  param: 'cid',
  message: 'cid must have 16 hexadecimal characters',
};
const MIXED: Partial<HitDto>[] = [
  { type: 'pageview', params: { idsite: '1', action_name: 'Home', url: 'https://a.example/' } },
  {
    type: 'event',
    idsite: 3,
    params: { idsite: '3', e_c: 'Video', e_a: 'Play', e_v: '12.5', dimension1: 'premium' },
  },
  {
    type: 'event',
    idsite: 3,
    outcome: 'rejected',
    params: { idsite: '3', e_c: 'Video', e_a: 'Pause', e_v: '3', cid: 'abc' },
    issues: [cidIssue],
  },
  { type: 'event', idsite: 2, params: { idsite: '2', e_c: 'Audio', e_a: 'Play' } },
  {
    type: 'site_search',
    idsite: 3,
    outcome: 'excluded',
    params: { idsite: '3', search: 'free text shoes', uid: 'user-7' },
  },
  {
    type: 'ecommerce_order',
    idsite: 3,
    params: { idsite: '3', ec_id: 'A-1', revenue: '99.5', dimension1: 'basic' },
  },
  {
    type: 'pageview',
    idsite: 3,
    outcome: 'rejected',
    params: { idsite: '3', action_name: 'Free Text landing', cid: 'zz' },
    issues: [{ ...cidIssue, severity: 'warning' }],
  },
  { type: 'ping', params: { idsite: '1', ping: '1' } },
];

/** What the carrying requests of some of MIXED differ in: their answer, or an import. */
const answer = (status: number) => ({
  status,
  headers: {},
  contentType: null,
  body: '',
  bodyKind: 'empty' as const,
  durationMs: 1,
});
const REQUESTS: Record<number, Partial<RequestRecordDto>> = {
  2: { response: answer(400) },
  3: {
    response: answer(204),
    imported: { file: 'a.har', source: 'har', importedAt: at(30) },
  },
  6: {
    response: answer(400),
    imported: { file: 'b.ndjson', source: 'hit', importedAt: at(31) },
  },
};

const QUERIES = [
  'type:event e_c:Video idsite:3 outcome:rejected dimension1:*',
  'type:event e_c:Video idsite:3',
  '-type:event idsite:3',
  '"free text"',
  '-"free text" dimension1:*',
  'e_v:>5',
  'e_c:v*o -e_a:pause',
  'has:issues severity:warning',
  'issue:cid visitor:ab',
  'type:order,search revenue:>=99',
  'site:1,2',
  'type:pageview OR type:order idsite:3',
  'e_c:Audio OR -outcome:rejected type:"Page view,event"',
  'status:4xx',
  'status:204,400 type:event',
  'source:import',
  '-source:imported idsite:3',
  'source:tracker OR status:204',
];

const QUICK: QuickFilters[] = [
  NO_QUICK_FILTERS,
  { ...NO_QUICK_FILTERS, outcomes: ['rejected', 'excluded'] },
  { ...NO_QUICK_FILTERS, type: 'event', idsite: 3 },
  { ...NO_QUICK_FILTERS, issuesOnly: true },
];

let all: HitDto[] = [];

beforeAll(async () => {
  await server.store.reset();
  for (const [i, over] of MIXED.entries()) {
    const capture = makeCapture(
      {
        outcome: 'recorded',
        idsite: 1,
        ...over,
        receivedAt: at(i),
        // As the server's DTOs carry them: read from the carrying request.
        status: REQUESTS[i]?.response?.status ?? 200,
        imported: REQUESTS[i]?.imported !== undefined,
      },
      REQUESTS[i],
    );
    await server.store.add(capture.request, capture.hits);
  }
  all = (await get('/api/hits?limit=1000')).json<HitsPageDto>().hits;
  expect(all).toHaveLength(MIXED.length);
});

/** Ids of the hits the table would show, newest first (as /api/hits lists them). */
async function tableIds(query: string, quick: QuickFilters): Promise<string[]> {
  // The table's rows are built from the compact hits it loads.
  const page = (await get('/api/hits?limit=1000&fields=compact')).json<HitSummariesPageDto>();
  const compiled = compileQuery(query);
  const predicate = combinePredicates([
    quickFilterPredicate(quick),
    compiled.empty ? null : compiled.test,
  ]);
  return page.hits
    .map(toHitRow)
    .filter((row) => !predicate || predicate(row))
    .map((row) => row.id);
}

describe('GET /api/hits?query=', () => {
  it('answers the hits the table shows for the same search', async () => {
    const sizes: number[] = [];
    for (const query of QUERIES) {
      const expected = await tableIds(query, NO_QUICK_FILTERS);
      const page = (await get(`/api/hits?query=${encodeURIComponent(query)}`)).json<HitsPageDto>();
      expect(
        page.hits.map((hit) => hit.id),
        query,
      ).toEqual(expected);
      expect(page.total, query).toBe(expected.length);
      sizes.push(expected.length);
    }
    // The set is mixed enough that the queries neither all match nothing nor everything.
    expect(sizes.some((n) => n > 0 && n < MIXED.length)).toBe(true);
    expect(new Set(sizes).size).toBeGreaterThan(3);
  });

  it('reads the HTTP status and the import mark through the carrying request', async () => {
    const actions = async (query: string) =>
      (await get(`/api/hits?query=${encodeURIComponent(query)}`))
        .json<HitsPageDto>()
        .hits.map((hit) => hit.params.e_a ?? hit.params.action_name);
    expect(await actions('status:4xx')).toEqual(['Free Text landing', 'Pause']);
    expect(await actions('source:import')).toEqual(['Free Text landing', 'Play']);
    expect((await tableIds('source:import', NO_QUICK_FILTERS)).length).toBe(2);
    const bad = await get(`/api/hits?query=${encodeURIComponent('status:ok')}`);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain(
      'status: "ok" is not an HTTP status',
    );
  });

  it('combines the query with the other filters (AND)', async () => {
    const query = encodeURIComponent('e_c:Video');
    const page = (await get(`/api/hits?query=${query}&outcome=rejected`)).json<HitsPageDto>();
    expect(page.hits.map((hit) => hit.params.e_a)).toEqual(['Pause']);
    const none = (await get(`/api/hits?query=${query}&idsite=2`)).json<HitsPageDto>();
    expect(none.total).toBe(0);
  });

  it('answers 400 with the compiler explanation to a query that does not compile', async () => {
    const bad = await get(`/api/hits?query=${encodeURIComponent('type:banana idsite:x')}`);
    expect(bad.status).toBe(400);
    const body = bad.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('filter.invalid');
    expect(body.error.message).toContain('type: "banana" is not one of pageview');
    expect(body.error.message).toContain('idsite: "x" is not a whole number.');
    const empty = await get(`/api/hits?query=${encodeURIComponent('e_c:')}`);
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('needs a value');
  });

  it('keeps the v1 filters as they were', async () => {
    const page = (await get('/api/hits?type=event&param.e_c=Video&idsite=3')).json<HitsPageDto>();
    expect(page.total).toBe(2);
    expect((await get('/api/hits?q=free%20text')).json<HitsPageDto>().total).toBe(2);
  });
});

describe('GET /api/export?query=', () => {
  it('exports, oldest first, the hits the table shows under the search and quick filters', async () => {
    for (const quick of QUICK) {
      for (const query of QUERIES) {
        const filter = shownHitsFilter(quick, query);
        if (filter === null) throw new Error('every quick filter here shows hits');
        const expected = (await tableIds(query, quick)).reverse();
        const file = await get(exportUrl('ndjson', filter));
        expect(file.status).toBe(200);
        const ids = file.text
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as HitDto).id);
        expect(ids, `${JSON.stringify(quick)} ${query}`).toEqual(expected);
      }
    }
  });

  it('selects the same hits in CSV and the requests carrying them in HAR', async () => {
    const filter = shownHitsFilter(NO_QUICK_FILTERS, 'type:event e_c:Video');
    if (filter === null) throw new Error('unreachable');
    const expected = (await tableIds('type:event e_c:Video', NO_QUICK_FILTERS)).reverse();
    const csv = (await get(exportUrl('csv', filter))).text.trim().split('\n');
    expect(csv).toHaveLength(expected.length + 1);
    for (const [i, id] of expected.entries()) expect(csv[i + 1]).toContain(id);
    const har = (await get(exportUrl('har', filter))).json<{
      log: { entries: { _hitscope: { requestId: string } }[] };
    }>();
    const byId = new Map(all.map((hit) => [hit.id, hit.requestId]));
    expect(har.log.entries.map((entry) => entry._hitscope.requestId)).toEqual(
      expected.map((id) => byId.get(id)),
    );
  });

  it('answers 400, not a file, to a query that does not compile', async () => {
    const bad = await get(`/api/export?format=csv&query=${encodeURIComponent('outcome:maybe')}`);
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'filter.invalid', message: expect.stringContaining('outcome: "maybe"') },
    });
  });
});
