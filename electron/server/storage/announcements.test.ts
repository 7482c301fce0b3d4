// A large request's announcement is made after its answer: a failure to make its hits must
// not stop the events behind it, nor end the process with an unhandled rejection.
import { describe, expect, it } from 'vitest';
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitStoreEvent, HitsToMake } from '../contracts';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { Announcements } from './announcements';

const toMake = (hits: HitDto[], failAt = -1): HitsToMake => ({
  count: hits.length,
  hitAt(index) {
    if (index === failAt) throw new Error('this hit cannot be made');
    return hits[index] as HitDto;
  },
  paramsAt: (index) => (hits[index] as HitDto).params,
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('Announcements', () => {
  it('tells events in order behind hits still being made', async () => {
    const told: HitStoreEvent[] = [];
    const announcements = new Announcements(
      (event) => told.push(event),
      () => undefined,
    );
    const bulk = sampleRequest({ hits: 3 });
    announcements.later(bulk.request, toMake(bulk.hits));
    announcements.now({ type: 'summary' });
    expect(told).toEqual([]);
    await settled();
    expect(told.map((event) => event.type)).toEqual(['added', 'summary']);
    expect(told[0]).toEqual({ type: 'added', request: bulk.request, hits: bulk.hits });
  });

  it('skips a request whose hits cannot be made and goes on with the rest', async () => {
    const told: HitStoreEvent[] = [];
    const failed: { request: RequestRecordDto; error: unknown }[] = [];
    const announcements = new Announcements(
      (event) => told.push(event),
      (request, error) => failed.push({ request, error }),
    );
    const broken = sampleRequest({ hits: 4 });
    const next = sampleRequest({ hits: 2 });
    announcements.later(broken.request, toMake(broken.hits, 2));
    announcements.now({ type: 'summary' });
    announcements.later(next.request, toMake(next.hits));
    await settled();
    expect(failed.map((failure) => failure.request.id)).toEqual([broken.request.id]);
    expect((failed[0]?.error as Error).message).toBe('this hit cannot be made');
    expect(told).toEqual([
      { type: 'summary' },
      { type: 'added', request: next.request, hits: next.hits },
    ]);
    // The queue is empty again: an event is told at once.
    announcements.now({ type: 'reset' });
    expect(told.at(-1)).toEqual({ type: 'reset' });
  });
});
