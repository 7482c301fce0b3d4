// Search entries are built after the answer: a stored hit is found at once, before it has
// them, and after; a large bulk line gets them too, so a search reads only the lines that
// may hold its terms (counted at the file reads).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HitFilterDto } from '../../../shared/api/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { DATA_FILE_NAME, openHitStore, type OpenedHitStore } from './hit-store';
import type * as JournalScan from './journal-scan';
import type { ParamsOf } from './stored-record';

/** Byte ranges the searches read from the data file. */
const reads = vi.hoisted(() => [] as { offset: number; length: number }[]);
vi.mock('./journal-scan', async (original) => {
  const scan = await original<typeof JournalScan>();
  return {
    ...scan,
    readRange: (...args: Parameters<typeof scan.readRange>) => {
      reads.push({ offset: args[1], length: args[2] });
      return scan.readRange(...args);
    },
  };
});

// Thousands of hits per test: seconds on a busy machine. Not a speed check (see the benchmark).
vi.setConfig({ testTimeout: 30_000 });

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
let store: OpenedHitStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-entries-'));
  store = await openHitStore({ dataDir: dir, maxHits: 10, derive, paramsOf });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A bulk of `count` hits, each its own `n`, hit `rare` with `e_c=Rare` instead of `Audio`. */
function bulk(count: number, rare: number) {
  const sent = sampleRequest({ hits: count, params: { e_c: 'Audio' } });
  sent.hits.forEach((hit, i) => {
    hit.params = { ...hit.params, e_c: i === rare ? 'Rare' : 'Audio', n: `n${i}` };
    hit.rawQuery = new URLSearchParams(hit.params as Record<string, string>).toString();
  });
  return sent;
}

const RARE_FILTERS: HitFilterDto[] = [
  { q: 'rare' },
  { params: { e_c: 'Rare' } },
  { query: 'e_c:rare type:pageview' },
];

describe('search entries built after the answer', () => {
  it('a stored hit is found at once, before its entries are built, and after', async () => {
    for (let n = 0; n < 30; n++) {
      const { request, hits } = sampleRequest({ params: { e_c: 'Audio' } });
      await store.add(request, hits);
    }
    const target = sampleRequest({ params: { e_c: 'Rare' } });
    await store.add(target.request, target.hits);
    // No turn of the event loop since the add: the indexer has not run.
    const before = await Promise.all(RARE_FILTERS.map((f) => store.search(f, { limit: 5 })));
    await store.searchEntriesBuilt();
    const after = await Promise.all(RARE_FILTERS.map((f) => store.search(f, { limit: 5 })));
    for (const page of [...before, ...after]) {
      expect(page.hits.map((hit) => hit.id)).toEqual([target.hits[0]!.id]);
      expect(page.total).toBe(1);
    }
  });

  it('a large bulk line gets entries: a search reads only the line that may match', async () => {
    const other = bulk(1_500, -1);
    const holding = bulk(1_500, 700);
    await store.add(other.request, other.hits);
    await store.add(holding.request, holding.hits);
    await store.searchEntriesBuilt();
    const firstLineBytes = readFileSync(join(dir, DATA_FILE_NAME), 'utf8').indexOf('\n') + 1;
    for (const filter of RARE_FILTERS) {
      reads.length = 0;
      const page = await store.search(filter, { limit: 5 });
      expect(
        page.hits.map((hit) => hit.id),
        JSON.stringify(filter),
      ).toEqual([holding.hits[700]!.id]);
      expect(page.total).toBe(1);
      // The first bulk line holds no such hit: its bytes are never read.
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((read) => read.offset >= firstLineBytes)).toBe(true);
    }
  });
});
