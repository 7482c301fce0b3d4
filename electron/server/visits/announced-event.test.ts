// Own process: turns on V8's natives syntax, for the process, to compare hidden classes.
// What the visit store announces when hits are added: each hit with its visit, decorated when
// a listener first reads the hits; announcements and decorated hits of one hidden class per
// shape (an object of a class or table of its own kept its request's hits and analysis alive
// into the old generation: announced-event.ts).
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import type { HitStoreEvent } from '../contracts';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';
import { hitCountOf, hitOf } from '../added-hits';

v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;
const hasFastProperties = new Function('a', 'return %HasFastProperties(a)') as (
  a: object,
) => boolean;

async function announced(count: number): Promise<{ events: HitStoreEvent[]; hits: HitDto[] }> {
  const inner = createFakeStore() as unknown as PersistentHitStore;
  const { store } = withVisitStore(inner, { sites: () => [], maxHits: 1000 });
  const events: HitStoreEvent[] = [];
  const hits: HitDto[] = [];
  store.subscribe((event) => {
    events.push(event);
    if (event.type === 'added') hits.push(...event.hits);
  });
  for (let i = 0; i < count; i++) {
    const { request, hits: added } = sampleRequest();
    await inner.add(request, added);
  }
  return { events, hits };
}

describe('announcing added hits', () => {
  it('gives each hit its visit, decorated once when first read', async () => {
    const { events } = await announced(1);
    const [event] = events;
    if (event?.type !== 'added') throw new Error('no added event');
    const hits = event.hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]?.visitId).toEqual(expect.any(String));
    expect(event.hits).toBe(hits);
  });

  it('reads one hit alone, the same object the hits read later hold', async () => {
    const { events } = await announced(1);
    const [event] = events;
    if (event?.type !== 'added') throw new Error('no added event');
    expect(hitCountOf(event)).toBe(1);
    const alone = hitOf(event, 0);
    expect(alone.visitId).toEqual(expect.any(String));
    expect(hitOf(event, 0)).toBe(alone);
    expect(event.hits[0]).toBe(alone);
    expect(hitOf(event, 0)).toBe(alone);
  });

  it('gives every announcement one hidden class, not a table of its own', async () => {
    const { events } = await announced(50);
    expect(hasFastProperties(events.at(-1) as object)).toBe(true);
    expect(haveSameMap(events.at(-2) as object, events.at(-1) as object)).toBe(true);
  });

  it('gives hits decorated alike one hidden class', async () => {
    const { hits } = await announced(50);
    const [first, second] = hits.slice(-2);
    expect(first?.visitId).toEqual(expect.any(String));
    expect(Object.keys(first as HitDto)).toEqual(Object.keys(second as HitDto));
    expect(haveSameMap(first as HitDto, second as HitDto)).toBe(true);
    // An object of that class, not a table of properties (slow to copy and to write as JSON).
    expect(hasFastProperties(first as HitDto)).toBe(true);
  });
});
