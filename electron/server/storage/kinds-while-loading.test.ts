// A filtered page during the read-back passes over the lines the saved snapshot says hold no
// hit of the type, outcome or site every match has (filter-kinds.ts), or no hit carrying a
// parameter every match carries (filter-names.ts): its pages are those of the walk that reads
// every line, and a line passed over is not read at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HitFilterDto } from '../../../shared/api/types';
import { OUTCOMES, type HitType, type Outcome } from '../../../shared/matomo/types';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import {
  expectSamePages,
  reopenHeld,
  storeAroundSnapshot,
} from '../../../test-support/capture/walk-with-snapshot';
import type * as FilterKinds from './filter-kinds';
import type * as FilterNames from './filter-names';
import type * as JournalScan from './journal-scan';
import { DATA_FILE_NAME } from './hit-store';
import type { ParamsOf } from './stored-record';

/** Whether the walk asks the kinds and names of a line first, and the byte ranges read meanwhile. */
const control = vi.hoisted(() => ({ kinds: true, names: true, reads: [] as [number, number][] }));

vi.mock('./filter-kinds', async (importOriginal) => {
  const real = await importOriginal<typeof FilterKinds>();
  return {
    ...real,
    filterKindsTest: (...args: Parameters<typeof real.filterKindsTest>) =>
      control.kinds ? real.filterKindsTest(...args) : null,
  };
});

vi.mock('./filter-names', async (importOriginal) => {
  const real = await importOriginal<typeof FilterNames>();
  return {
    ...real,
    filterNamesTest: (...args: Parameters<typeof real.filterNamesTest>) =>
      control.names ? real.filterNamesTest(...args) : null,
  };
});

vi.mock('./journal-scan', async (importOriginal) => {
  const real = await importOriginal<typeof JournalScan>();
  return {
    ...real,
    readRange: (...args: Parameters<typeof real.readRange>) => {
      control.reads.push([args[1], args[1] + args[2]]);
      return real.readRange(...args);
    },
  };
});

const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const stores = useStoreDirs('hitscope-kinds-', paramsOf);
const { open, closeAll } = stores;

beforeEach(() => {
  control.kinds = true;
  control.names = true;
  control.reads = [];
});

const TYPES: HitType[] = ['pageview', 'event', 'site_search', 'ping'];

interface HitKind {
  type: HitType;
  outcome: Outcome;
  site: number;
  video: boolean;
}

const hitKind = fc.record({
  type: fc.constantFrom(...TYPES),
  outcome: fc.constantFrom(...OUTCOMES),
  site: fc.integer({ min: 1, max: 3 }),
  video: fc.boolean(),
});

/** A line of one to three hits: of one kind (as a tracker's bulk mostly is) or mixed. */
const line = fc.oneof(
  fc.array(hitKind, { minLength: 1, maxLength: 3 }),
  fc
    .tuple(hitKind, fc.integer({ min: 1, max: 3 }))
    .map(([kind, count]) => Array.from({ length: count }, () => kind)),
);

/** A request holding hits of these kinds, as a tracker would have sent them. */
function requestOf(kinds: readonly HitKind[]) {
  const sent = sampleRequest({ hits: kinds.length, transport: kinds.length > 1 ? 'bulk' : 'get' });
  sent.hits.forEach((hit, i) => {
    const kind = kinds[i] as HitKind;
    const params = {
      idsite: String(kind.site),
      rec: '1',
      e_c: kind.video ? 'Video' : 'Audio',
      n: `${i}`,
    };
    hit.type = kind.type;
    hit.outcome = kind.outcome;
    hit.idsite = kind.site;
    hit.params = params;
    hit.rawQuery = new URLSearchParams(params).toString();
  });
  return sent;
}

/** Query terms on the columns (plain, negated, aliased, listed) and others. */
const term = fc.constantFrom(
  'type:event',
  'type:page',
  'type:event,ping',
  'type:search',
  '-type:event',
  'outcome:rejected',
  'outcome:rec',
  '-outcome:recorded',
  'site:2',
  'idsite:1,3',
  '-idsite:2',
  'e_c:Video',
  'Audio',
  'type:,',
  'idsite:99',
);

const query = fc
  .array(fc.tuple(term, fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((terms) => terms.map(([text, or], i) => (i > 0 && or ? `OR ${text}` : text)).join(' '));

const filter = fc.oneof(
  query.map((q): HitFilterDto => ({ query: q })),
  fc.record(
    {
      type: fc.subarray(TYPES, { minLength: 1 }),
      outcome: fc.subarray([...OUTCOMES], { minLength: 1 }),
      idsite: fc.subarray([1, 2, 3], { minLength: 1 }),
      query,
      params: fc.constant({ e_c: 'Video' }),
    },
    { requiredKeys: [] },
  ),
);

const scene = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 8 }),
  /** Lines written before the snapshot the restart finds: those after it are scanned. */
  covered: fc.nat(),
  filter,
  limit: fc.integer({ min: 1, max: 3 }),
});

describe('the kinds of a line in a filtered walk', () => {
  it('give the pages of the walk that reads every line', async () => {
    let passedOver = 0;
    await fc.assert(
      fc.asyncProperty(scene, async ({ lines, covered, filter: wanted, limit }) => {
        await stores.fresh();
        const sent = lines.map((kinds) => () => requestOf(kinds));
        await storeAroundSnapshot(stores, sent, covered % (lines.length + 1));
        const { store, finish } = await reopenHeld(stores);
        const fewerBytes = await expectSamePages(store, wanted, limit, control.reads, (on) => {
          control.kinds = on;
        });
        if (fewerBytes) passedOver++;
        await finish();
        await closeAll();
      }),
      { numRuns: 150 },
    );
    // The scenes are not all vacuous: lines were passed over in many of them.
    expect(passedOver).toBeGreaterThan(30);
  });

  it('does not read a line they rule out', async () => {
    const first = await open();
    await first.load();
    const event = requestOf([{ type: 'event', outcome: 'recorded', site: 1, video: true }]);
    await first.add(event.request, event.hits);
    // Page views whose bytes spell what the filter looks for: only their kinds rule them out.
    for (let i = 0; i < 4; i++) {
      const views = requestOf(
        Array.from({ length: 3 }, () => ({
          type: 'pageview' as const,
          outcome: 'recorded' as const,
          site: 1,
          video: true,
        })),
      );
      views.request.body = JSON.stringify({ note: 'event' });
      await first.add(views.request, views.hits);
    }
    await closeAll();
    const pageViews = readFileSync(join(stores.dir(), DATA_FILE_NAME), 'utf8').indexOf('\n') + 1;

    const { store, finish } = await reopenHeld(stores);
    control.reads = [];
    const page = await store.search(
      { query: 'type:event e_c:Video' },
      { limit: 10, whileLoading: true },
    );
    expect(page.hits.map((hit) => hit.id)).toEqual([event.hits[0]?.id]);
    expect(page.complete).toBe(false);
    // Every read was of the event's line, before the page views' lines start.
    expect(control.reads.length).toBeGreaterThan(0);
    expect(control.reads.every(([, end]) => end < pageViews)).toBe(true);
    await finish();
  });
});

/** Parameters a hit may carry besides its site: rare ones, and `url`, which every hit sends. */
const NAMES = ['e_c', 'e_a', 'dimension3', 'c_n', 'url'] as const;
const VALUES = ['Video', 'Audio', '7'] as const;

/** A hit: the parameters it carries, each with one of a few values. */
const hitParams = fc.dictionary(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES), {
  maxKeys: 3,
});

/** A line of one to three hits: alike (as a tracker's bulk mostly is) or not. */
const paramsLine = fc.oneof(
  fc.array(hitParams, { minLength: 1, maxLength: 3 }),
  fc
    .tuple(hitParams, fc.integer({ min: 1, max: 3 }))
    .map(([params, count]) => Array.from({ length: count }, () => params)),
);

/** A request holding hits with these parameters, as a tracker would have sent them. */
function requestWith(lineParams: readonly Record<string, string>[]) {
  const sent = sampleRequest({
    hits: lineParams.length,
    transport: lineParams.length > 1 ? 'bulk' : 'get',
  });
  sent.hits.forEach((hit, i) => {
    const params = { idsite: '1', rec: '1', ...lineParams[i], n: `${i}` };
    hit.type = 'e_c' in params ? 'event' : 'pageview';
    hit.params = params;
    hit.rawQuery = new URLSearchParams(params).toString();
  });
  return sent;
}

/** Query terms on parameters (plain, negated, present, compared, OR-joined) and others. */
const paramTerm = fc.constantFrom(
  'e_c:Video',
  'e_c:*',
  '-e_c:Video',
  '-e_c:*',
  'e_a:Aud*',
  'dimension3:>5',
  'dimension3:7',
  'c_n:*',
  '-c_n:Audio',
  'url:*',
  'E_C:Video',
  'type:event',
  'site:1',
  'Video',
  'e_c:',
);

const paramQuery = fc
  .array(fc.tuple(paramTerm, fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((terms) => terms.map(([text, or], i) => (i > 0 && or ? `OR ${text}` : text)).join(' '));

const paramFilter = fc.oneof(
  paramQuery.map((q): HitFilterDto => ({ query: q })),
  fc.record(
    {
      query: paramQuery,
      params: fc.dictionary(fc.constantFrom(...NAMES), fc.constantFrom('*', ...VALUES), {
        minKeys: 1,
        maxKeys: 2,
      }),
      q: fc.constantFrom('video', 'e_c'),
    },
    { requiredKeys: ['params'] },
  ),
);

const paramScene = fc.record({
  lines: fc.array(paramsLine, { minLength: 1, maxLength: 8 }),
  /** Lines written before the snapshot the restart finds: those after it are scanned. */
  covered: fc.nat(),
  filter: paramFilter,
  limit: fc.integer({ min: 1, max: 3 }),
});

describe('the parameter names of a line in a filtered walk', () => {
  it('give the pages of the walk that reads every line', async () => {
    let passedOver = 0;
    await fc.assert(
      fc.asyncProperty(paramScene, async ({ lines, covered, filter: wanted, limit }) => {
        await stores.fresh();
        const sent = lines.map((params) => () => requestWith(params));
        await storeAroundSnapshot(stores, sent, covered % (lines.length + 1));
        const { store, finish } = await reopenHeld(stores);
        const fewerBytes = await expectSamePages(store, wanted, limit, control.reads, (on) => {
          control.names = on;
        });
        if (fewerBytes) passedOver++;
        await finish();
        await closeAll();
      }),
      { numRuns: 150 },
    );
    // The scenes are not all vacuous: lines were passed over in many of them.
    expect(passedOver).toBeGreaterThan(20);
  });

  it('does not read a line whose hits lack the parameter', async () => {
    const first = await open();
    await first.load();
    const event = requestWith([{ e_c: 'Video', e_a: 'play' }]);
    await first.add(event.request, event.hits);
    // Page views whose bytes spell what the filter looks for: only their names rule them out.
    for (let i = 0; i < 4; i++) {
      const views = requestWith(Array.from({ length: 3 }, () => ({ e_a: 'Video', c_n: 'e_c' })));
      await first.add(views.request, views.hits);
    }
    await closeAll();
    const pageViews = readFileSync(join(stores.dir(), DATA_FILE_NAME), 'utf8').indexOf('\n') + 1;

    const { store, finish } = await reopenHeld(stores);
    for (const wanted of [{ params: { e_c: 'Video' } }, { query: 'e_c:Video' }]) {
      control.reads = [];
      const page = await store.search(wanted, { limit: 10, whileLoading: true });
      expect(page.hits.map((hit) => hit.id)).toEqual([event.hits[0]?.id]);
      expect(page.complete).toBe(false);
      // Every read was of the event's line, before the page views' lines start.
      expect(control.reads.length).toBeGreaterThan(0);
      expect(control.reads.every(([, end]) => end < pageViews)).toBe(true);
    }
    await finish();
  });
});
