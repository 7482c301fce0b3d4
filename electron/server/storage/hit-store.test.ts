import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitStoreEvent } from '../contracts';
import type { HitDeriver } from './compact';
import { CompactHit, type ParamsOf } from './stored-record';
import { LARGE_BODY_CHARS } from './body-on-disk';
import { DATA_FILE_NAME, openHitStore, type PersistentHitStore } from './hit-store';

// Rebuilds the dropped views from the compact hit, as the server's deriver does from the raw request.
const derive: HitDeriver = (hit) => ({
  occurrences: Object.entries(hit.params).map(([name, value]) => ({
    name,
    value,
    raw: `${name}=${encodeURIComponent(String(value))}`,
    source: 'query' as const,
  })),
  decoded: {},
  device: SAMPLE_DEVICE,
});

// Sample hits carry their parameters in their raw query.
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
const open: PersistentHitStore[] = [];

async function openStore(maxHits = 100): Promise<PersistentHitStore> {
  const store = await openHitStore({ dataDir: dir, maxHits, derive, paramsOf });
  open.push(store);
  await store.load();
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hit store', () => {
  it('stores a request and its hits, in memory and in the data file', async () => {
    const store = await openStore();
    const { request, hits } = sampleRequest({ params: { url: 'https://shop.example/' } });
    await store.add(request, hits);

    const file = readFileSync(join(dir, DATA_FILE_NAME), 'utf8');
    expect(file.trim().split('\n')).toHaveLength(1);
    expect(file).toContain('shop.example');
    // The query is written once: the hit's parameters and raw query are read back from it.
    expect(file.split('shop.example').length - 1).toBe(1);
    expect(JSON.parse(file)).toMatchObject({ hits: [{ sameAs: 'query' }] });
    expect(store.get(hits[0]!.id)).toEqual(hits[0]);
    expect(store.getRequest(request.id)).toEqual(request);
    expect(store.summary()).toMatchObject({ requests: 1, hits: 1, recorded: 1, inMemory: 1 });
  });

  it('reads the HTTP status and import mark of a hit through its request, also after a restart', async () => {
    const store = await openStore();
    const { request, hits } = sampleRequest();
    request.response = { ...request.response, status: 400 };
    request.imported = { file: 'a.har', source: 'har', importedAt: request.receivedAt };
    await store.add(request, hits);
    expect(store.get(hits[0]!.id)).toMatchObject({ status: 400, imported: true });
    expect(store.query({ query: 'status:4xx source:import' }, { limit: 10 }).total).toBe(1);
    expect(store.query({ query: 'status:200' }, { limit: 10 }).total).toBe(0);
    await store.close();
    const again = await openStore();
    expect(again.get(hits[0]!.id)).toMatchObject({ status: 400, imported: true });
    expect(again.query({ query: 'source:import' }, { limit: 10 }).total).toBe(1);
  });

  it('brings every hit back after a restart on the same data dir', async () => {
    const first = await openStore();
    const sent = [
      sampleRequest(),
      sampleRequest({ hits: 3 }),
      sampleRequest({ outcome: 'rejected' }),
    ];
    for (const { request, hits } of sent) await first.add(request, hits);
    const summary = first.summary();
    await first.close();

    const second = await openStore();
    expect(second.summary()).toEqual(summary);
    for (const { request, hits } of sent) {
      expect(second.getRequest(request.id)).toEqual(request);
      for (const hit of hits) {
        const back = second.get(hit.id)!;
        expect(back.params).toEqual(hit.params);
        expect(back.rawQuery).toBe(hit.rawQuery);
        expect(back.occurrences.map((o) => o.name)).toEqual(hit.occurrences.map((o) => o.name));
        expect(back.batchSize).toBe(hit.batchSize);
      }
    }
  });

  it('derives the views of a hit read by id or in a page over turns, when it can', async () => {
    // Told apart from `derive` by its answer: no occurrences.
    const inTurns = vi.fn(async (hit: CompactHit) => ({ ...derive(hit), occurrences: [] }));
    const store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf });
    const turned = await openHitStore({
      dataDir: join(dir, 'turned'),
      maxHits: 100,
      derive,
      deriveInTurns: inTurns,
      paramsOf,
    });
    open.push(store, turned);
    for (const each of [store, turned]) await each.load();
    // A body past the window's size stays on disk: its request is read from the data file.
    const { request, hits } = sampleRequest({ transport: 'post' });
    request.body = `${'x'.repeat(LARGE_BODY_CHARS)}&${hits[0]!.rawQuery}`;
    request.bodySize = request.body.length;
    for (const each of [store, turned]) await each.add(request, hits);

    expect((await store.detail(hits[0]!.id))?.hit.occurrences).not.toEqual([]);
    const detail = await turned.detail(hits[0]!.id);
    expect(detail?.hit.occurrences).toEqual([]);
    expect(detail?.request?.body).toBe(request.body);
    expect((await turned.search({}, { limit: 10 })).hits[0]?.occurrences).toEqual([]);
    expect(inTurns).toHaveBeenCalledTimes(2);
  });

  it('drops a torn last line left by a kill during a write, and keeps appending cleanly', async () => {
    const first = await openStore();
    const { request, hits } = sampleRequest();
    await first.add(request, hits);
    await first.close();
    appendFileSync(join(dir, DATA_FILE_NAME), '{"v":1,"request":{"id":"half');

    const store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf });
    open.push(store);
    const report = await store.load();
    expect(report).toMatchObject({ requests: 1, hits: 1, skippedLines: 0 });
    expect(report.tornBytes).toBeGreaterThan(0);
    const next = sampleRequest();
    await store.add(next.request, next.hits);
    await store.close();

    const third = await openStore();
    expect(third.summary().hits).toBe(2);
    expect(third.get(next.hits[0]!.id)).toBeDefined();
  });

  it('keeps the newest maxHits in memory and counts the rest as on disk only', async () => {
    const store = await openStore(3);
    const sent = Array.from({ length: 5 }, () => sampleRequest());
    for (const { request, hits } of sent) await store.add(request, hits);
    expect(store.summary()).toMatchObject({ hits: 5, inMemory: 3, onDiskOnly: 2, maxHits: 3 });
    // Out of the window, still reachable: read back from the data file.
    expect(store.get(sent[0]!.hits[0]!.id)).toEqual(sent[0]!.hits[0]);
    expect(store.get(sent[4]!.hits[0]!.id)).toBeDefined();
    await store.close();

    const again = await openStore(3);
    expect(again.summary()).toMatchObject({ hits: 5, inMemory: 3, onDiskOnly: 2 });
    expect(again.query({}, { limit: 10 }).hits.map((h) => h.id)).toEqual(
      sent
        .slice(2)
        .reverse()
        .map((s) => s.hits[0]!.id),
    );
    again.setMaxHits(1);
    expect(again.summary()).toMatchObject({ inMemory: 1, onDiskOnly: 4, maxHits: 1 });
  });

  it('lists the newest hits in memory and counts the matches of a filter', async () => {
    const store = await openStore();
    const sent = Array.from({ length: 5 }, (_, i) =>
      sampleRequest({ outcome: i % 2 === 0 ? 'recorded' : 'excluded' }),
    );
    for (const { request, hits } of sent) await store.add(request, hits);
    const ids = sent.map((s) => s.hits[0]!.id).reverse();

    const first = store.query({}, { limit: 2 });
    expect(first.hits.map((h) => h.id)).toEqual(ids.slice(0, 2));
    expect(first.total).toBe(5);
    expect(first.next).toBe(ids[1]);
    expect(store.query({}, { limit: 5 }).next).toBeNull();

    const excluded = store.query({ outcome: 'excluded' }, { limit: 1 });
    expect(excluded.total).toBe(2);
    expect(excluded.hits[0]!.id).toBe(sent[3]!.hits[0]!.id);
    expect(store.query({ outcome: 'excluded' }, { limit: 2 }).next).toBeNull();
    expect([...store.iterate({ outcome: 'recorded' })]).toHaveLength(3);
  });

  it('reset clears memory and the file, and tells subscribers', async () => {
    const store = await openStore();
    const events: HitStoreEvent['type'][] = [];
    store.subscribe((event) => events.push(event.type));
    const { request, hits } = sampleRequest();
    await store.add(request, hits);
    await store.reset();
    expect(statSync(join(dir, DATA_FILE_NAME)).size).toBe(0);
    expect(store.summary()).toMatchObject({ requests: 0, hits: 0, inMemory: 0, onDiskOnly: 0 });
    expect(store.get(hits[0]!.id)).toBeUndefined();
    expect(events).toEqual(['added', 'reset']);

    const after = sampleRequest();
    await store.add(after.request, after.hits);
    await store.close();
    const again = await openStore();
    expect(again.summary().hits).toBe(1);
    expect(again.get(after.hits[0]!.id)).toBeDefined();
  });

  it('remembers recorded orders for the duplicate-order check, across restarts', async () => {
    const store = await openStore();
    const order = sampleRequest({
      type: 'ecommerce_order',
      params: { idgoal: '0', ec_id: 'A-17' },
    });
    const rejected = sampleRequest({
      type: 'ecommerce_order',
      outcome: 'rejected',
      params: { idgoal: '0', ec_id: 'B-1' },
    });
    await store.add(order.request, order.hits);
    await store.add(rejected.request, rejected.hits);
    expect([...store.seenOrders()]).toEqual(['1:A-17']);
    await store.close();
    expect([...(await openStore()).seenOrders()]).toEqual(['1:A-17']);
  });

  it('keeps failed requests visible and counted', async () => {
    const store = await openStore();
    const failed = sampleRequest({ error: { code: 'body.too_large', message: 'Too large' } });
    await store.add(failed.request, failed.hits);
    expect(store.summary()).toMatchObject({ requests: 1, hits: 0, failedRequests: 1 });
    expect(store.failedRequests(10)).toEqual([failed.request]);
    await store.close();
    const again = await openStore();
    expect(again.failedRequests(10)).toEqual([failed.request]);
  });

  it('writes concurrent adds as complete lines, none lost', async () => {
    const store = await openStore(1000);
    const sent = Array.from({ length: 300 }, (_, i) => sampleRequest({ hits: (i % 3) + 1 }));
    await Promise.all(sent.map(({ request, hits }) => store.add(request, hits)));
    const lines = readFileSync(join(dir, DATA_FILE_NAME), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(
      lines.map((line) => (JSON.parse(line) as { request: { id: string } }).request.id),
    ).toEqual(sent.map((s) => s.request.id));
    expect(store.summary().hits).toBe(600);
  });

  it('keeps the hits built when concurrent adds were made, at their arrival positions', async () => {
    const store = await openStore(1000);
    const sent = Array.from({ length: 30 }, (_, i) => sampleRequest({ hits: (i % 3) + 1 }));
    const moveTo = vi.spyOn(CompactHit.prototype, 'moveTo');
    try {
      await Promise.all(sent.map(({ request, hits }) => store.add(request, hits)));
      // A hit whose guessed position was wrong is moved when its line is indexed.
      expect(moveTo).not.toHaveBeenCalled();
    } finally {
      moveTo.mockRestore();
    }
    const kept = [...store.compactOldestFirst()];
    expect(kept.map((hit) => hit.id)).toEqual(sent.flatMap((s) => s.hits.map((hit) => hit.id)));
    expect(kept.map((hit) => hit.seq)).toEqual(kept.map((_, i) => i + 1));
  });

  it('walks hits oldest first, keeping its place through evictions and leaving out later hits', async () => {
    const store = await openStore(5_000);
    const sent = Array.from({ length: 4_000 }, (_, n) =>
      sampleRequest({ params: { n: String(n) } }),
    );
    for (const { request, hits } of sent) await store.add(request, hits);
    const walk = store.iterateOldestFirst({})[Symbol.iterator]();
    expect(walk.next().value?.params.n).toBe('0');
    expect(walk.next().value?.params.n).toBe('1');
    // 4,500 more evict the oldest 3,500 and compact the memory array under the walk.
    for (let n = 0; n < 4_500; n++) {
      const { request, hits } = sampleRequest({ params: { n: `late-${n}` } });
      await store.add(request, hits);
    }
    const rest = [];
    for (let next = walk.next(); !next.done; next = walk.next()) rest.push(next.value.params.n);
    expect(rest).toEqual(Array.from({ length: 500 }, (_, i) => String(3_500 + i)));
    const filtered = [...store.iterateOldestFirst({ params: { n: 'late-4499' } })];
    expect(filtered.map((hit) => hit.params.n)).toEqual(['late-4499']);

    // A reset while the walk is paused (an export waiting on its client) ends it.
    const cleared = store.iterateOldestFirst({})[Symbol.iterator]();
    expect(cleared.next().done).toBe(false);
    await store.reset();
    expect(cleared.next().done).toBe(true);
    for (let n = 0; n < 5_000; n++) {
      const { request, hits } = sampleRequest({ params: { n: `again-${n}` } });
      await store.add(request, hits);
    }

    // Evicting everything it had to walk (the memory array is compacted) ends the walk.
    const gone = store.iterateOldestFirst({})[Symbol.iterator]();
    expect(gone.next().done).toBe(false);
    for (let n = 0; n < 6_000; n++) {
      const { request, hits } = sampleRequest({ params: { n: `later-${n}` } });
      await store.add(request, hits);
    }
    expect(gone.next().done).toBe(true);
    // Twenty thousand adds, one write each: slow on a busy machine, not a speed check.
  }, 30_000);

  it('lists every request in memory in arrival order, hitless and failed ones included', async () => {
    const store = await openStore();
    const first = sampleRequest();
    const failed = sampleRequest({ error: { code: 'request.aborted', message: 'gone' } });
    const bulk = sampleRequest({ hits: 2 });
    for (const { request, hits } of [first, failed, bulk]) await store.add(request, hits);
    expect([...store.requestsInArrivalOrder()].map((request) => request.id)).toEqual([
      first.request.id,
      failed.request.id,
      bulk.request.id,
    ]);
    await store.reset();
    expect([...store.requestsInArrivalOrder()]).toEqual([]);
  });
});
