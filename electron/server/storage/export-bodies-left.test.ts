// An export that writes hits only (NDJSON, CSV) leaves each bulk's body on disk: the body of a
// bulk of 10,000 hits is a text of megabytes, parsed for each line read only to be dropped.
import { beforeEach, describe, expect, it } from 'vitest';
import { heapAllocatedBy } from '../../../test-support/heap-allocated';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import { SLICED_LINE_HITS, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
/** Longer than a line's head is parsed whole (WHOLE_HIT_BYTES): read apart, or left. */
const BODY_CHARS = 4 * 1024 * 1024;

const stores = useStoreDirs('hitscope-export-bodies-', paramsOf);
let store: PersistentHitStore;

beforeEach(async () => {
  // One hit in memory: the others are read back from the data file.
  store = await stores.open(undefined, { maxHits: 1 });
  await store.load();
});

async function exported(withBodies: boolean) {
  const bodies: string[] = [];
  const actions: string[] = [];
  for await (const { request, hits } of store.storedOldestFirst({}, { bodies: withBodies })) {
    bodies.push(request.body);
    for await (const hit of hits) actions.push(String(hit.params['action_name']));
  }
  return { bodies, actions };
}

describe('an export of hits only', () => {
  it('leaves the body of a large bulk unread, and gives the same hits', async () => {
    // Written hit by hit after its head (as a bulk of 10,000 is): the head is read apart.
    const bulk = sampleRequest({ hits: SLICED_LINE_HITS });
    bulk.request.body = JSON.stringify({ requests: ['z'.repeat(BODY_CHARS)] });
    const single = sampleRequest();
    for (const { request, hits } of [bulk, single]) await store.add(request, hits);
    const actions = [...bulk.hits, ...single.hits].map((hit) => hit.params['action_name']);

    const whole = await exported(true);
    expect(whole.bodies).toEqual([bulk.request.body, single.request.body]);
    expect(whole.actions).toEqual(actions);
    const hitsOnly = await exported(false);
    expect(hitsOnly.bodies).toEqual(['', single.request.body]);
    expect(hitsOnly.actions).toEqual(actions);
    // The body is not even made into a string.
    const allocated = (withBodies: boolean) =>
      heapAllocatedBy(() => exported(withBodies).then(() => undefined));
    expect((await allocated(true)) - (await allocated(false))).toBeGreaterThan(BODY_CHARS / 2);
  });
});
