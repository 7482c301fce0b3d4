// An export reads each hit once: the parameters it parses again are not kept in the cache of
// recent hits, where those of 300,000 hits each outlived a few young-generation collections
// and were copied into the old generation (long collection pauses while the export ran).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeQuery } from '../../../shared/matomo/query-string';
import { effectiveParams } from '../../../shared/matomo/effective-params';
import { parseRequest } from '../../../shared/matomo/parse';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import { createParamsOf } from '../derive-hit';
import type { HitDeriverInTurns } from './compact';
import { openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

const derived = { occurrences: [], decoded: {}, device: SAMPLE_DEVICE };
const deriveInTurns: HitDeriverInTurns = () => Promise.resolve(derived);
/** Whether each parsing asked for its result to be remembered. */
let remembered: boolean[] = [];
const paramsOf: ParamsOf = (hit, remember = true) => {
  remembered.push(remember);
  return Object.fromEntries(new URLSearchParams(hit.rawQuery));
};

let dir: string;
let store: PersistentHitStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-export-params-'));
  // One hit in memory: the others are read back from the data file.
  store = await openHitStore({
    dataDir: dir,
    maxHits: 1,
    derive: () => derived,
    deriveInTurns,
    paramsOf,
  });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(withViews: boolean): Promise<string[]> {
  const actions: string[] = [];
  for await (const { hits } of store.storedOldestFirst({}, { views: withViews })) {
    for await (const hit of hits) actions.push(String(hit.params['action_name']));
  }
  return actions;
}

describe('an export', () => {
  it('parses the parameters of each hit without keeping them', async () => {
    const sent = [sampleRequest({ hits: 3 }), sampleRequest(), sampleRequest()];
    for (const { request, hits } of sent) await store.add(request, hits);
    const actions = sent.flatMap(({ hits }) => hits.map((hit) => hit.params['action_name']));
    for (const withViews of [true, false]) {
      remembered = [];
      expect(await exported(withViews)).toEqual(actions);
      expect(remembered.length).toBeGreaterThanOrEqual(actions.length);
      expect(remembered.every((remember) => !remember)).toBe(true);
    }
  });

  it('leaves the cache of recent hits as it was', async () => {
    let parsed = 0;
    const counted = createParamsOf({
      parseRequest: (raw) => (parsed++, parseRequest(raw)),
      decodeQuery,
      effectiveParams,
    });
    const { request, hits } = sampleRequest();
    await store.add(request, hits);
    const [hit] = [...store.compactOldestFirst()];
    expect(counted(hit!, false)).toEqual(counted(hit!, false));
    expect(parsed).toBe(2);
    counted(hit!);
    counted(hit!, false);
    expect(parsed).toBe(3);
  });
});
