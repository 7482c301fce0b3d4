// What the visit store announces when hits are added: each hit with its visit, decorated when
// a listener first reads the hits, and the getter that does it on the prototype of every
// announcement, not on each (a getter of its own gave each announcement a hidden class that
// kept the request's hits and analysis alive into the old generation; announced-event.ts).
import { describe, expect, it } from 'vitest';
import type { HitStoreEvent } from '../contracts';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';

async function announcementsOf(count: number): Promise<HitStoreEvent[]> {
  const inner = createFakeStore() as unknown as PersistentHitStore;
  const { store } = withVisitStore(inner, { sites: () => [], maxHits: 1000 });
  const events: HitStoreEvent[] = [];
  store.subscribe((event) => events.push(event));
  for (let i = 0; i < count; i++) {
    const { request, hits } = sampleRequest();
    await inner.add(request, hits);
  }
  return events;
}

describe('announcing added hits', () => {
  it('gives each hit its visit, decorated once when first read', async () => {
    const [event] = await announcementsOf(1);
    if (event?.type !== 'added') throw new Error('no added event');
    const hits = event.hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]?.visitId).toEqual(expect.any(String));
    expect(event.hits).toBe(hits);
  });

  it('keeps the hits getter off each announcement, shared by all of them', async () => {
    const [first, second] = await announcementsOf(2);
    expect(first?.type).toBe('added');
    expect(Object.getOwnPropertyDescriptor(first, 'hits')).toBeUndefined();
    expect(Object.getPrototypeOf(first)).toBe(Object.getPrototypeOf(second));
    expect(Object.getPrototypeOf(first)).not.toBe(Object.prototype);
  });
});
