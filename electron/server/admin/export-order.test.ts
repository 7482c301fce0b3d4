import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecordDto } from '../../../shared/api/types';
import { createFakeStore, type FakeHitStore } from '../../../test-support/admin/fake-store';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { requestsOldestFirst } from './export-order';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString();

let store: FakeHitStore;

/** In arrival order: a pageview, a preflight, an event, a refused request, a bare GET. */
beforeEach(async () => {
  store = createFakeStore();
  const pageview = makeCapture({ receivedAt: at(1) }, { id: 'pageview', receivedAt: at(1) });
  const event = makeCapture(
    { type: 'event', params: { idsite: '1', e_c: 'Video' }, receivedAt: at(3) },
    { id: 'event', receivedAt: at(3) },
  );
  pageview.hits[0]!.requestId = 'pageview';
  event.hits[0]!.requestId = 'event';
  await store.add(pageview.request, pageview.hits);
  await store.add(makeRequest({ id: 'preflight', method: 'OPTIONS', receivedAt: at(2) }), []);
  await store.add(event.request, event.hits);
  await store.add(
    makeRequest({ id: 'refused', receivedAt: at(4), error: { code: 'x', message: 'y' } }),
    [],
  );
  await store.add(
    makeRequest({ id: 'bare', query: '', url: '/matomo.php', receivedAt: at(5) }),
    [],
  );
});

const ids = (requests: Iterable<RequestRecordDto>) => [...requests].map((r) => r.id);

describe('requestsOldestFirst', () => {
  it('lists every request once, hitless ones included', () => {
    expect(ids(requestsOldestFirst(store, {}))).toEqual([
      'pageview',
      'preflight',
      'event',
      'refused',
      'bare',
    ]);
  });

  it('with a hit filter, lists the requests carrying a matching hit', () => {
    expect(ids(requestsOldestFirst(store, { type: 'event' }))).toEqual(['event']);
    expect(ids(requestsOldestFirst(store, { outcome: 'rejected' }))).toEqual([]);
  });

  it('lists a bulk request once for all its hits', async () => {
    const bulk = makeCapture({ transport: 'bulk', receivedAt: at(6) }, { id: 'bulk' });
    const second = { ...bulk.hits[0]!, id: 'bulk-2', index: 1, requestId: 'bulk' };
    bulk.hits[0]!.requestId = 'bulk';
    await store.add({ ...bulk.request, hitIds: ['x', 'bulk-2'] }, [bulk.hits[0]!, second]);
    expect(ids(requestsOldestFirst(store, { idsite: 1 }))).toEqual(['pageview', 'event', 'bulk']);
  });
});
