import { expect, it } from 'vitest';
import type { HitDto, StreamEvent } from '../../../shared/api/types';
import { makeCapture, makeHit, makeRequest } from '../../../test-support/admin/fixtures';
import type { SseClient } from '../../../test-support/admin/sse-client';
import { useStreamTestServer } from '../../../test-support/admin/use-admin-test-server';
import { SLICED_HITS } from '../added-hits';

const { server, openStream: open } = useStreamTestServer({
  flushMs: 20,
  heartbeatMs: 1_000,
  maxHitsPerEvent: 150,
  maxBufferedBytes: 1 << 30,
});
const hitIds = (c: SseClient) =>
  c.messages
    .filter((m) => m.event === 'hits')
    .flatMap((m) =>
      (m.data as StreamEvent).type === 'hits' ? (m.data as { hits: HitDto[] }).hits : [],
    )
    .map((hit) => hit.id);

// A large announcement's pieces are made over several turns, as a promise; one that fails
// must neither stop the stream behind it nor go unhandled (which would end the server).
it('goes on with later hits when a large announcement cannot be encoded', async () => {
  const c = await open();
  await c.until((m) => m.some((x) => x.event === 'hello'));
  const request = makeRequest();
  const hits = Array.from({ length: SLICED_HITS + 10 }, (_, index) =>
    makeHit({ id: `${request.id}.${index}`, requestId: request.id }),
  );
  // Fails only when the stream makes its JSON, after the hit is stored.
  Object.assign(hits[SLICED_HITS] as HitDto, {
    title: {
      toJSON() {
        throw new Error('cannot be encoded');
      },
    },
  });
  await server.store.add({ ...request, hitIds: hits.map((hit) => hit.id) }, hits);
  const after = makeCapture();
  await server.store.add(after.request, after.hits);
  await c.until(() => hitIds(c).includes(after.hits[0]?.id as string));
  expect(hitIds(c)).not.toContain(hits[0]?.id);
});
