// The window finds hits by id through their request (no map entry per hit): these pin what
// the lookup must still answer after eviction, removal and for ids it does not hold.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { HitMemory } from './hit-memory';
import { CompactHit, hitIdOf, type StoredRequest } from './stored-record';

const paramsOf = () => ({});
let nextSeq = 1;

function stored(id: string, hitCount: number): StoredRequest {
  const { url: _url, hitIds: _hitIds, ...rest } = sampleRequest().request;
  return { ...rest, id, hitCount };
}

function hitsOf(request: StoredRequest, indexes: readonly number[]): CompactHit[] {
  return indexes.map(
    (index) =>
      new CompactHit(
        {
          id: hitIdOf(request.id, index),
          index,
          type: 'pageview',
          outcome: 'recorded',
          summary: 's',
          idsite: 1,
        },
        { userAgent: 'ua', rawQuery: '', issues: [] },
        request,
        nextSeq++,
        paramsOf,
      ),
  );
}

describe('HitMemory.get', () => {
  it('finds every hit of every request by id, and nothing for unknown ids', () => {
    const memory = new HitMemory(100);
    const a = stored('r1', 3);
    const b = stored('r2.x', 2);
    const aHits = hitsOf(a, [0, 1, 2]);
    const bHits = hitsOf(b, [0, 1]);
    memory.insert(a, aHits);
    memory.insert(b, bHits);
    for (const hit of [...aHits, ...bHits]) expect(memory.get(hit.id)).toBe(hit);
    expect(memory.get('r1.3')).toBeUndefined();
    expect(memory.get('r3.0')).toBeUndefined();
    expect(memory.get('r1')).toBeUndefined();
    expect(memory.get('r2.x')).toBeUndefined();
  });

  it('finds a hit whose index is not its position in the request', () => {
    const memory = new HitMemory(100);
    const request = stored('r9', 2);
    const hits = hitsOf(request, [1, 0]);
    memory.insert(request, hits);
    expect(memory.get('r9.0')).toBe(hits[1]);
    expect(memory.get('r9.1')).toBe(hits[0]);
  });

  it('forgets evicted hits but still finds the rest of their request', () => {
    const memory = new HitMemory(2);
    const request = stored('r5', 3);
    const hits = hitsOf(request, [0, 1, 2]);
    memory.insert(request, hits);
    expect(memory.get('r5.0')).toBeUndefined();
    expect(memory.get('r5.1')).toBe(hits[1]);
    expect(memory.get('r5.2')).toBe(hits[2]);
  });

  it('lists the newest hits first, and forgets removed requests', () => {
    const memory = new HitMemory(100);
    const a = stored('r1', 1);
    const b = stored('r2', 2);
    const aHits = hitsOf(a, [0]);
    const bHits = hitsOf(b, [0, 1]);
    memory.insert(a, aHits);
    memory.insert(b, bHits);
    expect(memory.query({}, 10).hits).toEqual([bHits[1], bHits[0], aHits[0]]);
    expect(memory.removeRequests((request) => request.id === 'r2')).toBe(2);
    expect(memory.get('r2.1')).toBeUndefined();
    expect(memory.get('r1.0')).toBe(aHits[0]);
  });
});

describe('HitMemory.matchingSteps', () => {
  const ids = (steps: (CompactHit | null)[]) => steps.map((hit) => hit?.id ?? null);

  it('walks newest first, a step per hit, null for a hit that does not match', () => {
    const memory = new HitMemory(100);
    const requests = [stored('a', 1), stored('b', 1), stored('c', 1)];
    for (const request of requests) memory.insert(request, hitsOf(request, [0]));
    expect(ids([...memory.matchingSteps({})])).toEqual(['c.0', 'b.0', 'a.0']);
    expect(ids([...memory.matchingSteps({ q: 'no such text' })])).toEqual([null, null, null]);
  });

  it('keeps its place when paused while hits arrive, are evicted or removed', () => {
    const memory = new HitMemory(6);
    const request = (id: string) => {
      const r = stored(id, 1);
      memory.insert(r, hitsOf(r, [0]));
    };
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) request(id);
    const walk = memory.matchingSteps({});
    const seen = [walk.next().value, walk.next().value];
    // Two newer hits evict the two oldest; one walked-to-be hit is removed (a new array).
    request('g');
    request('h');
    memory.removeRequests((r) => r.id === 'd');
    seen.push(...walk);
    expect(ids(seen as CompactHit[])).toEqual(['f.0', 'e.0', 'c.0']);
  });
});
