// Adds that answer first: the line is on disk when the add resolves; memory, counts and
// notifications follow once every request of the same write has been answered, in arrival
// order, before anything else can be read.
import type * as Fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import type { ParamsOf } from './stored-record';
import { openHitStore, type PersistentHitStore } from './hit-store';

const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof Fs>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const ANSWER_FIRST = { answerFirst: true };

let dir: string;
let store: PersistentHitStore;

beforeEach(async () => {
  disk.full = false;
  dir = mkdtempSync(join(tmpdir(), 'hitscope-after-answers-'));
  store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('adds that answer first', () => {
  it('resolves every add of a write before storing their hits, then stores all, in order, in that turn', async () => {
    const sent = Array.from({ length: 5 }, (_, i) => sampleRequest({ hits: (i % 2) + 1 }));
    const events: string[] = [];
    store.subscribe((event) => {
      if (event.type === 'added') events.push(`stored ${event.request.id}`);
    });
    await Promise.all(
      sent.map(({ request, hits }) =>
        store.add(request, hits, ANSWER_FIRST).then(() => events.push(`answered ${request.id}`)),
      ),
    );
    const whenAllAnswered = [...events];
    // The next turn of the event loop (a search, a new request) finds them all stored.
    await nextTurn();
    const ids = sent.map((s) => s.request.id);
    expect(whenAllAnswered).toEqual(ids.map((id) => `answered ${id}`));
    expect(events).toEqual([
      ...ids.map((id) => `answered ${id}`),
      ...ids.map((id) => `stored ${id}`),
    ]);
    const kept = [...store.compactOldestFirst()];
    expect(kept.map((hit) => hit.id)).toEqual(sent.flatMap((s) => s.hits.map((hit) => hit.id)));
    expect(kept.map((hit) => hit.seq)).toEqual(kept.map((_, i) => i + 1));
    expect(store.summary()).toMatchObject({ requests: 5, hits: 7 });
  });

  it('lets a read right after the acknowledgement find the hit', async () => {
    const { request, hits } = sampleRequest({ params: { url: 'https://shop.example/after' } });
    const seen = await store.add(request, hits, ANSWER_FIRST).then(() => ({
      hit: store.get(hits[0]!.id)?.id,
      request: store.getRequest(request.id),
      summary: store.summary(),
      page: store.query({}, { limit: 10 }).hits.map((hit) => hit.id),
    }));
    expect(seen.hit).toBe(hits[0]!.id);
    expect(seen.request).toEqual(request);
    expect(seen.summary).toMatchObject({ requests: 1, hits: 1 });
    expect(seen.page).toEqual([hits[0]!.id]);
    const found = await store.search({ q: 'shop.example/after' }, { limit: 10 });
    expect(found.hits.map((hit) => hit.id)).toEqual([hits[0]!.id]);
  });

  it('keeps an add made without answering first after those queued before it', async () => {
    const first = sampleRequest();
    const second = sampleRequest();
    const events: string[] = [];
    store.subscribe((event) => {
      if (event.type === 'added') events.push(event.request.id);
    });
    await Promise.all([
      store.add(first.request, first.hits, ANSWER_FIRST),
      store.add(second.request, second.hits),
    ]);
    expect(events).toEqual([first.request.id, second.request.id]);
  });

  it('fails every add of a write the disk refuses, and stores none of them', async () => {
    const sent = Array.from({ length: 3 }, () => sampleRequest());
    const events: string[] = [];
    store.subscribe((event) => events.push(event.type));
    disk.full = true;
    const results = await Promise.allSettled(
      sent.map(({ request, hits }) => store.add(request, hits, ANSWER_FIRST)),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await nextTurn();
    expect(events).not.toContain('added');
    expect(store.summary()).toMatchObject({ requests: 0, hits: 0 });
    expect(store.summary().alerts?.map((alert) => alert.kind)).toEqual(['write-failed']);

    disk.full = false;
    const after = sampleRequest();
    await store.add(after.request, after.hits, ANSWER_FIRST);
    expect(store.get(after.hits[0]!.id)?.id).toBe(after.hits[0]!.id);
    expect(store.summary()).toMatchObject({ requests: 1, hits: 1, alerts: [] });
  });
});
