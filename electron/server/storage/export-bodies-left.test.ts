// An export that writes hits only (NDJSON, CSV) leaves each bulk's body on disk: the body of a
// bulk of 10,000 hits is a text of megabytes, parsed for each line read only to be dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heapAllocatedBy } from '../../../test-support/heap-allocated';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import { openHitStore, SLICED_LINE_HITS, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

const derived = { occurrences: [], decoded: {}, device: SAMPLE_DEVICE };
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
/** Longer than a line's head is parsed whole (WHOLE_HIT_BYTES): read apart, or left. */
const BODY_CHARS = 4 * 1024 * 1024;

let dir: string;
let store: PersistentHitStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-export-bodies-'));
  store = await openHitStore({
    dataDir: dir,
    maxHits: 1,
    derive: () => derived,
    deriveInTurns: () => Promise.resolve(derived),
    paramsOf,
  });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(withBodies: boolean) {
  const bodies: string[] = [];
  const actions: string[] = [];
  for await (const { request, hits } of store.storedOldestFirst({}, true, withBodies)) {
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
