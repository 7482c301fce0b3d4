// A visit's timeline reads the URL and title of thousands of hits: they are read from the
// hits as stored, in memory or on disk, without making each a full hit (its views derived
// from its raw query took most of a visit's answer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeHit } from '../../../shared/visits';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

let derived = 0;
const derive: HitDeriver = () => {
  derived++;
  return { occurrences: [], decoded: {}, device: SAMPLE_DEVICE };
};
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
let store: PersistentHitStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-describe-'));
  // Two hits in memory: the others are read back from the data file.
  store = await openHitStore({ dataDir: dir, maxHits: 2, derive, paramsOf });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('describing hits', () => {
  it('gives the URL and title of hits in memory and on disk, deriving no views', async () => {
    const sent = [
      sampleRequest({ hits: 4, params: { url: 'https://shop.example/a', action_name: 'A' } }),
      sampleRequest({ params: { url: 'https://shop.example/b', action_name: 'B' } }),
      sampleRequest({ params: { action_name: 'No URL' } }),
      sampleRequest({ params: { url: 'https://shop.example/c' } }),
    ];
    for (const { request, hits } of sent) await store.add(request, hits);
    const ids = [...sent.flatMap(({ hits }) => hits.map((hit) => hit.id)), 'no-such.0'];
    derived = 0;
    const described = await store.describeManyInTurns(ids);
    expect(derived).toBe(0);
    expect(described.get(sent[0]!.hits[3]!.id)).toEqual({
      url: 'https://shop.example/a',
      title: 'A',
    });
    expect(described.get(sent[2]!.hits[0]!.id)).toEqual({ title: 'No URL' });
    expect(described.has('no-such.0')).toBe(false);
    // What a full hit says, for each.
    for (const id of ids.slice(0, -1)) {
      expect(described.get(id)).toEqual(describeHit(store.get(id)!));
    }
  });
});
