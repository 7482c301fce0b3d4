// Cross-hit findings are not in the search entries: a hit whose findings hold a free-text term
// is found by it, and a hit that merely has findings is not read by a search its entries rule
// out (every hit of a long visit has some; reading them all made searches take seconds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as HitFilterModule from '../../../shared/api/hit-filter';
import type { HitFilter } from '../../../shared/api/hit-filter';
import type { HitDto } from '../../../shared/api/types';
import type { Issue } from '../../../shared/matomo/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { openHitStore, type OpenedHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

/** Ids of the hits the shared filter was asked about with the whole filter (not index columns). */
const evaluated = vi.hoisted(() => [] as string[]);
vi.mock('../../../shared/api/hit-filter', async (original) => {
  const real = await original<typeof HitFilterModule>();
  return {
    ...real,
    matchesHitFilter: (hit: HitDto, filter: HitFilter) => {
      if (filter.findingsOf) evaluated.push(hit.id);
      return real.matchesHitFilter(hit, filter);
    },
    // The stored hits' search asks in steps (a hit may carry 100,000 parameters).
    matchesHitFilterSteps: (hit: HitDto, filter: HitFilter) => {
      if (filter.findingsOf) evaluated.push(hit.id);
      return real.matchesHitFilterSteps(hit, filter);
    },
  };
});

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
let store: OpenedHitStore;
const ids: string[] = [];

const finding = (code: string): Issue =>
  ({ code, severity: 'warning', message: 'Seen in another hit of the visit' }) as Issue;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-findings-'));
  store = await openHitStore({ dataDir: dir, maxHits: 1_000, derive, paramsOf });
  await store.load();
  ids.length = 0;
  for (let n = 0; n < 40; n++) {
    const { request, hits } = sampleRequest({ params: { e_c: n === 7 ? 'Rare' : 'Audio' } });
    await store.add(request, hits);
    ids.push(hits[0]!.id);
  }
  await store.searchEntriesBuilt();
  evaluated.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every hit has a finding; only hit 20's code holds `code20`. */
const findingsOf = (id: string): readonly Issue[] => [
  finding(id === ids[20] ? 'visit-code20-seen' : 'visit-seen'),
];

describe('searches and cross-hit findings', () => {
  it('a hit with findings is not read when its entries and findings rule it out', async () => {
    for (const filter of [{ params: { e_c: 'Rare' } }, { query: 'e_c:rare' }, { q: 'rare' }]) {
      evaluated.length = 0;
      const page = await store.search({ ...filter, findingsOf } as HitFilter, { limit: 5 });
      expect(page.hits.map((hit) => hit.id)).toEqual([ids[7]]);
      expect(evaluated, JSON.stringify(filter)).toEqual([ids[7]]);
    }
  });

  it('a free-text term found only in a finding still finds the hit', async () => {
    for (const filter of [{ q: 'code20' }, { query: 'code20' }]) {
      evaluated.length = 0;
      const page = await store.search({ ...filter, findingsOf } as HitFilter, { limit: 5 });
      expect(page.hits.map((hit) => hit.id)).toEqual([ids[20]]);
      expect(evaluated, JSON.stringify(filter)).toEqual([ids[20]]);
    }
  });

  it('reads the findings of every hit once when the filter lists them, not hit by hit', async () => {
    const asked: string[] = [];
    const counted = (id: string) => {
      asked.push(id);
      return findingsOf(id);
    };
    const everyFinding: HitFilter['everyFinding'] = (visit) => {
      for (const id of ids) visit(id, findingsOf(id), () => findingsOf(id));
    };
    const cases: [HitFilter, string[]][] = [
      [{ q: 'code20' }, [ids[20]!]],
      [{ q: 'code20 audio' }, [ids[20]!]],
      [{ q: 'code20 rare' }, []],
      [{ query: 'code20 e_c:audio' }, [ids[20]!]],
      [{ q: 'rare' }, [ids[7]!]],
    ];
    for (const [filter, found] of cases) {
      asked.length = 0;
      evaluated.length = 0;
      const withLookups: HitFilter = { ...filter, findingsOf: counted, everyFinding };
      const page = await store.search(withLookups, { limit: 5 });
      expect(
        page.hits.map((hit) => hit.id),
        JSON.stringify(filter),
      ).toEqual(found);
      // Only the hits read whole are asked for their findings (by the shared filter).
      expect(new Set(asked), JSON.stringify(filter)).toEqual(new Set(evaluated));
    }
  });

  it('free text reads the codes of findings, the query language their messages too', async () => {
    let made = 0;
    const withMessage = (id: string): readonly Issue[] => [
      { ...finding('visit-seen'), message: id === ids[9] ? 'Marker9 in the message' : 'Seen' },
    ];
    const everyFinding: HitFilter['everyFinding'] = (visit) => {
      for (const id of ids) {
        visit(id, withMessage(id), () => {
          made++;
          return withMessage(id);
        });
      }
    };
    const search = (filter: HitFilter) => {
      const withLookups: HitFilter = { ...filter, findingsOf: withMessage, everyFinding };
      return store.search(withLookups, { limit: 5 });
    };
    expect((await search({ q: 'marker9' })).hits).toEqual([]);
    expect((await search({ q: 'visit-seen' })).total).toBe(40);
    expect(made).toBe(0);
    expect((await search({ query: 'marker9' })).hits.map((hit) => hit.id)).toEqual([ids[9]]);
    expect(made).toBeGreaterThan(0);
  });

  it('builds the entries of hits stored just before, rather than read every such hit', async () => {
    let rare = '';
    for (let n = 0; n < 200; n++) {
      const { request, hits } = sampleRequest({ params: { e_c: n === 150 ? 'Late' : 'Audio' } });
      await store.add(request, hits);
      if (n === 150) rare = hits[0]!.id;
    }
    evaluated.length = 0;
    const filter: HitFilter = { params: { e_c: 'Late' }, findingsOf: () => [] };
    const page = await store.search(filter, { limit: 5 });
    expect(page.hits.map((hit) => hit.id)).toEqual([rare]);
    expect(evaluated).toEqual([rare]);
  });
});
