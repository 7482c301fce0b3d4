// A hit field declared in STORED_HIT_FIELDS and nowhere else in the storage goes through
// memory, the data file, a restart, a read from disk and the exports. The test declares one
// field more than the product does and follows it through the real store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import { CSV_COLUMNS, csvHeader, csvRow, type CsvColumn } from '../admin/export-csv';
import { maskHit } from '../admin/mask-tokens';
import {
  DATA_FILE_NAME,
  openHitStore,
  SLICED_LINE_HITS,
  type PersistentHitStore,
} from './hit-store';
import type * as Declared from './stored-hit-fields';
import { STORED_HIT_FIELDS } from './stored-hit-fields';

/** The declared field only this test adds: a shelf label, absent on some hits. */
const EXTRA = 'shelf';

vi.mock('./stored-hit-fields', async (importOriginal) => {
  const declared = await importOriginal<typeof Declared>();
  return { ...declared, STORED_HIT_FIELDS: [...declared.STORED_HIT_FIELDS, 'shelf'] };
});

type ShelvedHit = HitDto & { shelf?: string };

const shelfOf = (hit: HitDto | undefined) => (hit as ShelvedHit | undefined)?.shelf;

let dir: string;
const stores: PersistentHitStore[] = [];

async function openStore(maxHits: number): Promise<PersistentHitStore> {
  const store = await openHitStore({
    dataDir: dir,
    maxHits,
    derive: () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE }),
    paramsOf: (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery)),
  });
  stores.push(store);
  await store.load();
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-fields-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A single request and a bulk long enough to be written and read in slices. */
function shelvedRequests() {
  const single = sampleRequest();
  const bulk = sampleRequest({ hits: SLICED_LINE_HITS });
  (single.hits[0] as ShelvedHit).shelf = 'A-1 "front"';
  bulk.hits.forEach((hit, i) => {
    if (i % 2 === 0) (hit as ShelvedHit).shelf = `B-${i}`;
  });
  return { single, bulk, last: bulk.hits[SLICED_LINE_HITS - 2] as HitDto };
}

describe('a field declared in STORED_HIT_FIELDS', () => {
  it('is one the product does not store, so the test adds it', () => {
    expect(STORED_HIT_FIELDS).toContain(EXTRA);
    expect((STORED_HIT_FIELDS as readonly string[]).filter((name) => name === EXTRA)).toHaveLength(
      1,
    );
  });

  it('is kept in memory, written to the data file and read back after a restart', async () => {
    const { single, bulk, last } = shelvedRequests();
    const first = await openStore(100);
    await first.add(single.request, single.hits);
    await first.add(bulk.request, bulk.hits);
    expect(shelfOf(first.get(single.hits[0]!.id))).toBe('A-1 "front"');
    expect(shelfOf(first.get(last.id))).toBe(`B-${SLICED_LINE_HITS - 2}`);
    expect(first.get(bulk.hits[1]!.id)).not.toHaveProperty(EXTRA);

    const file = readFileSync(join(dir, DATA_FILE_NAME), 'utf8');
    expect(file).toContain('"shelf":"A-1 \\"front\\""');
    expect(file).toContain(`"shelf":"B-0"`);
    await first.close();

    // A small window: most of the bulk is read from its sliced line on disk.
    const again = await openStore(10);
    expect(shelfOf(again.get(single.hits[0]!.id))).toBe('A-1 "front"');
    expect(shelfOf(again.get(bulk.hits[2]!.id))).toBe('B-2');
    expect(shelfOf(again.get(last.id))).toBe(`B-${SLICED_LINE_HITS - 2}`);
    expect(again.get(bulk.hits[3]!.id)).not.toHaveProperty(EXTRA);
  });

  it('reaches the NDJSON export by itself and a CSV export by naming its column', async () => {
    const { single, bulk } = shelvedRequests();
    const first = await openStore(100);
    await first.add(single.request, single.hits);
    await first.add(bulk.request, bulk.hits);
    await first.close();
    const store = await openStore(10);
    const exported: HitDto[] = [];
    for await (const { hits } of store.storedOldestFirst({})) {
      for await (const hit of hits) exported.push(hit);
    }
    expect(exported).toHaveLength(1 + SLICED_LINE_HITS);
    const lines = exported.map((hit) => JSON.parse(JSON.stringify(maskHit(hit))) as ShelvedHit);
    expect(lines[0]?.shelf).toBe('A-1 "front"');
    expect(lines.filter((hit) => hit.shelf !== undefined)).toHaveLength(1 + SLICED_LINE_HITS / 2);

    const columns: CsvColumn[] = [...CSV_COLUMNS, EXTRA as CsvColumn];
    expect(csvHeader(columns)).toBe(`${CSV_COLUMNS.join(',')},shelf\r\n`);
    expect(csvRow(exported[0]!, columns).endsWith(',"A-1 ""front"""\r\n')).toBe(true);
    expect(csvRow(exported[2]!, columns).endsWith(',\r\n')).toBe(true);
  });
});
