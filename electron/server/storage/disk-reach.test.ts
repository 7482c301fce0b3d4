// Every stored hit stays reachable when the in-memory window holds only the newest: by id,
// by every kind of filter (API fields, the query language, free text), with paging and a
// total over all of them, in exports; scans give the event loop back; after a restart,
// tracking goes on before the whole file is read back and still sees earlier orders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HitFilterDto } from '../../../shared/api/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { DATA_FILE_NAME, openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

// Thousands of hits per test: seconds on a busy machine. Not a speed check (see the benchmark).
vi.setConfig({ testTimeout: 30_000 });

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
const open: PersistentHitStore[] = [];

async function openStore(maxHits: number, load = true): Promise<PersistentHitStore> {
  const store = await openHitStore({ dataDir: dir, maxHits, derive, paramsOf });
  open.push(store);
  if (load) await store.load();
  return store;
}

/** Adds `count` requests made by `make(n)`, many per write. */
async function fill(
  store: PersistentHitStore,
  count: number,
  make: (n: number) => ReturnType<typeof sampleRequest>,
): Promise<ReturnType<typeof sampleRequest>[]> {
  const sent = Array.from({ length: count }, (_, n) => make(n));
  for (let i = 0; i < sent.length; i += 500) {
    await Promise.all(sent.slice(i, i + 500).map(({ request, hits }) => store.add(request, hits)));
  }
  return sent;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-reach-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const video = (n: number) =>
  sampleRequest({
    type: 'event',
    params: { e_c: n % 100 === 0 ? 'Video' : 'Audio', e_a: 'play', n: String(n) },
  });

describe('hits beyond the in-memory window', () => {
  it('are found by id, by API filters, the query language and free text, with a total', async () => {
    const store = await openStore(50);
    const sent = await fill(store, 1_000, video);
    expect(store.summary()).toMatchObject({ hits: 1_000, inMemory: 50, onDiskOnly: 950 });

    const oldest = sent[0]!.hits[0]!;
    expect(store.get(oldest.id)?.params).toMatchObject({ e_c: 'Video', n: '0' });
    expect(store.getRequest(oldest.requestId)?.id).toBe(oldest.requestId);

    const videos = sent.filter((_, n) => n % 100 === 0).map((s) => s.hits[0]!.id);
    const newestFirst = videos.slice().reverse();
    const filters: HitFilterDto[] = [
      { query: 'type:event e_c:Video' },
      { params: { e_c: 'Video' } },
      { q: 'video' },
      { type: 'event', params: { e_c: 'Video' }, idsite: 1, outcome: 'recorded' },
    ];
    for (const filter of filters) {
      const page = await store.search(filter, { limit: 4 });
      expect(page.total, JSON.stringify(filter)).toBe(10);
      expect(page.hits.map((h) => h.id)).toEqual(newestFirst.slice(0, 4));
      // Paging walks on into hits read from disk only.
      const rest = await store.search(filter, { limit: 10, before: page.next });
      expect(rest.hits.map((h) => h.id)).toEqual(newestFirst.slice(4));
      expect(rest.next).toBeNull();
    }
    // Terms the index columns decide narrow the scan; the answer is the same as the query's.
    const mixed = [
      ['-type:pageview e_c:Video', 10],
      ['type:pageview OR e_c:Video', 10],
      ['type:event idsite:1,2 -outcome:excluded e_a:play', 1_000],
      ['type:pageview', 0],
    ] as const;
    for (const [query, total] of mixed) {
      expect((await store.search({ query }, { limit: 1 })).total, query).toBe(total);
    }
    // One hit by its request id, far out of the window.
    const byRequest = await store.search({ requestId: oldest.requestId }, { limit: 5 });
    expect(byRequest.hits.map((h) => h.id)).toEqual([oldest.id]);
    // No filter: every hit counted, the page from the newest, the cursor reaching the oldest.
    const all = await store.search({}, { limit: 2, before: sent[2]!.hits[0]!.id });
    expect(all.total).toBe(1_000);
    expect(all.hits.map((h) => h.params.n)).toEqual(['1', '0']);
  });

  it('are exported, oldest first, with every request when there is no filter', async () => {
    const store = await openStore(10);
    const sent = await fill(store, 300, video);
    const failed = sampleRequest({ error: { code: 'too_large', message: 'cut' } });
    await store.add(failed.request, []);

    const found = [];
    for await (const line of store.storedOldestFirst({ query: 'e_c:Video' })) {
      for await (const hit of line.hits) found.push(hit.params.n);
    }
    expect(found).toEqual(['0', '100', '200']);

    const every = [];
    for await (const line of store.storedOldestFirst({})) every.push(line.request.id);
    expect(every).toEqual([...sent.map((s) => s.request.id), failed.request.id]);
  });

  it('are found and exported out of a large bulk line, read hit by hit', async () => {
    const store = await openStore(10);
    const bulk = sampleRequest({
      hits: 3_000,
      params: { e_c: 'Vidéo', e_n: 'clip', pad: 'p'.repeat(100) },
    });
    // Each hit of the bulk its own values, as a real bulk has.
    bulk.hits.forEach((hit, i) => {
      hit.params = { ...hit.params, e_n: `clip-${i}` };
      hit.rawQuery = new URLSearchParams(hit.params as Record<string, string>).toString();
    });
    await store.add(bulk.request, bulk.hits);
    await fill(store, 20, video);
    const target = bulk.hits[1_234]!;
    expect(store.get(target.id)?.params.e_n).toBe('clip-1234');
    for (const filter of [
      { q: 'clip-1234' },
      { params: { e_n: 'clip-1234' } },
      { query: 'e_n:CLIP-1234 e_c:vidéo' },
    ] satisfies HitFilterDto[]) {
      const page = await store.search(filter, { limit: 5 });
      expect(
        page.hits.map((h) => h.id),
        JSON.stringify(filter),
      ).toEqual([target.id]);
      expect(page.total).toBe(1);
    }
    const exported: string[] = [];
    for await (const line of store.storedOldestFirst({ params: { e_c: 'Vidéo' } })) {
      for await (const hit of line.hits) exported.push(String(hit.params.e_n));
    }
    expect(exported).toEqual(bulk.hits.map((_, i) => `clip-${i}`));
  });

  it('scans in slices: a timer fires before a long search or export is over', async () => {
    const store = await openStore(10);
    await fill(store, 4_000, (n) =>
      sampleRequest({ params: { n: String(n), pad: 'p'.repeat(2_000) } }),
    );
    for (const scan of [
      () => store.search({ q: 'no such text' }, { limit: 10 }),
      async () => {
        for await (const _line of store.storedOldestFirst({ q: 'no such text' })) void _line;
      },
    ]) {
      let fired = false;
      const probe = new Promise<void>((resolve) =>
        setTimeout(() => {
          fired = true;
          resolve();
        }, 0),
      );
      let firedBeforeEnd = false;
      await scan().then(() => (firedBeforeEnd = fired));
      await probe;
      expect(firedBeforeEnd).toBe(true);
    }
  });
});

describe('lines written in another key order', () => {
  it('are found by id once read back', async () => {
    const first = await openStore(1);
    const sent = await fill(first, 2, video);
    await first.close();
    open.length = 0;
    const file = join(dir, DATA_FILE_NAME);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const { v, request, hits } = JSON.parse(lines[0]!) as Record<string, { id: string }>;
    const { id, ...rest } = request!;
    lines[0] = JSON.stringify({ hits, request: { ...rest, id }, v });
    writeFileSync(file, `${lines.join('\n')}\n`);

    const again = await openStore(1);
    expect(again.summary()).toMatchObject({ hits: 2, inMemory: 1 });
    expect(again.get(sent[0]!.hits[0]!.id)?.params.n).toBe('0');
  });
});

describe('large bodies', () => {
  it('stay on disk, out of the window, and are read back when asked for', async () => {
    const store = await openStore(1_000);
    const single = sampleRequest({ params: { big: 'y'.repeat(100_000) } });
    Object.assign(single.request, {
      method: 'POST',
      transport: 'post',
      body: single.request.query,
      query: '',
      url: '/matomo.php',
    });
    Object.assign(single.hits[0]!, { method: 'POST', transport: 'post' });
    const bulk = sampleRequest({ hits: 3 });
    bulk.request.body = JSON.stringify({ requests: ['z'.repeat(100_000)] });
    for (const { request, hits } of [single, bulk]) await store.add(request, hits);

    const summary = store.summary();
    expect(summary).toMatchObject({ hits: 4, inMemory: 3 });
    expect(summary.memoryBytes).toBeLessThan(20_000);
    expect(store.get(single.hits[0]!.id)?.params.big).toHaveLength(100_000);
    expect(store.getRequest(single.request.id)?.body).toBe(single.request.body);
    expect(store.getRequest(bulk.request.id)?.body).toBe(bulk.request.body);
    expect(store.get(bulk.hits[2]!.id)?.params).toEqual(bulk.hits[2]!.params);
    const found = await store.search({ params: { big: '*' } }, { limit: 5 });
    expect(found.hits.map((hit) => hit.id)).toEqual([single.hits[0]!.id]);
  });
});

describe('restart', () => {
  it('accepts hits before the whole file is read back, and knows earlier orders', async () => {
    const first = await openStore(100);
    const order = sampleRequest({ type: 'ecommerce_order', params: { ec_id: 'A-17' } });
    await first.add(order.request, order.hits);
    await fill(first, 3_000, (n) =>
      sampleRequest({ params: { n: String(n), pad: 'p'.repeat(3_000) } }),
    );
    await first.close();
    open.length = 0;

    const again = await openStore(100, false);
    let loaded = false;
    const loading = again.load().then(() => (loaded = true));
    await again.loading();
    expect([...again.seenOrders()].some((key) => key.endsWith(':A-17'))).toBe(true);
    const late = sampleRequest({ params: { late: 'yes' } });
    await again.add(late.request, late.hits);
    expect(loaded).toBe(false);
    // Found at once, by id; searches wait for the load, then list it as the newest.
    expect(again.get(late.hits[0]!.id)?.params.late).toBe('yes');
    const page = await again.search({}, { limit: 1 });
    expect(loaded).toBe(true);
    expect(page.hits[0]!.id).toBe(late.hits[0]!.id);
    expect(page.total).toBe(3_002);
    await loading;
    expect(again.get(order.hits[0]!.id)?.type).toBe('ecommerce_order');
  });
});
